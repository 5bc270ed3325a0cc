import { css } from "lit";

/** What only `<sspr-admin-policy>` shows: sections, the unsaved mark, the summary. */
export const adminPolicyStyles = css`
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--sspr-space);
  }
  fieldset {
    display: grid;
    gap: calc(var(--sspr-space) / 2);
  }
  fieldset.inline {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sspr-space);
    border: none;
    padding: 0;
  }
  input[type="number"] {
    max-width: 8rem;
  }
  [part="unsaved"] {
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    border: 1px solid var(--sspr-accent);
    color: var(--sspr-accent);
    font-size: 0.875rem;
  }
  [part="status"] {
    margin: 0;
    color: var(--sspr-ok);
  }
  [part="status"]:empty {
    display: none;
  }
  [part="summary"] {
    padding: var(--sspr-space);
    border: 1px solid var(--sspr-border);
    border-radius: var(--sspr-radius);
  }
  [part="summary"] h3 {
    margin: 0 0 calc(var(--sspr-space) / 2);
    font-size: 1rem;
  }
  [part="summary"] ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--sspr-space) / 2);
  }
`;
