import { css } from "lit";

/** What only `<sspr-admin-users>` shows: the table, marks, paging, progress and results. */
export const adminUsersStyles = css`
  :host {
    max-width: 72rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--sspr-space) / 2);
  }
  [part="search"] {
    display: grid;
    gap: 0.25rem;
  }
  [part="search"] label {
    font-weight: 600;
  }
  [part="search"] input {
    flex: 1 1 16rem;
  }
  [part="actions"] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--sspr-space) / 2);
  }
  .count {
    color: var(--sspr-muted);
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: calc(var(--sspr-space) / 2);
  }
  th,
  td {
    padding: 0.5rem;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--sspr-border);
  }
  tbody th {
    font-weight: normal;
  }
  .name {
    font-weight: 600;
  }
  td [part="hint"],
  th [part="hint"] {
    display: block;
    font-size: 0.875rem;
  }
  [part="mark"] {
    display: inline-block;
    margin: 0.25rem 0.25rem 0 0;
    padding: 0 0.5rem;
    border: 1px solid var(--sspr-border);
    border-radius: 999px;
    font-size: 0.875rem;
  }
  [data-state="expired"],
  [data-state="must-change"] {
    color: var(--sspr-danger);
  }
  input[type="checkbox"],
  input[type="radio"] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--sspr-accent);
  }
  [part="paging"] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--sspr-space) / 2);
  }
  [part="paging"] p {
    margin: 0;
  }
  fieldset {
    display: grid;
    gap: 0.25rem;
    border: 1px solid var(--sspr-border);
    border-radius: var(--sspr-radius);
  }
  fieldset [part="hint"] {
    margin: 0 0 0.5rem 1.75rem;
  }
  form {
    display: grid;
    gap: var(--sspr-space);
  }
  [part="error"] p {
    margin: 0;
  }
  [part="error"] ul {
    margin: 0.25rem 0 0;
    padding-left: 1.25rem;
  }
  [part="progress"] {
    width: 100%;
    accent-color: var(--sspr-accent);
  }
  #progress-text {
    margin: 0;
  }
  [part="results"] {
    margin: 0;
    padding-left: 1.25rem;
    display: grid;
    gap: 0.5rem;
  }
  [data-outcome="done"] .outcome {
    color: var(--sspr-ok);
  }
  [data-outcome="skipped"] .outcome {
    color: var(--sspr-muted);
  }
  [data-outcome="failed"] .outcome {
    color: var(--sspr-danger);
  }
  [part="password"] {
    font-family: ui-monospace, monospace;
    font-size: 1.125rem;
    color: var(--sspr-fg);
    user-select: all;
  }
  [part="copy"] {
    padding: 0.125rem 0.5rem;
  }
  .copied {
    color: var(--sspr-fg);
  }
`;
