import { css } from "lit";

/** The charts' dark-scheme defaults: with `prefers-color-scheme: dark`, or `theme="dark"`. */
const darkCharts = css`
  --_chart-email: var(--sspr-chart-email, #8ab4f8);
  --_chart-sms: var(--sspr-chart-sms, #fbbf24);
  --_chart-voice: var(--sspr-chart-voice, #c084fc);
  --_chart-app: var(--sspr-chart-app, #4ade80);
  --_chart-questions: var(--sspr-chart-questions, #f472b6);
`;

/**
 * What only `<sspr-admin-report>` shows: the period, the charts (their colours are
 * `--sspr-chart-*` custom properties, set on the element or any ancestor, with light and dark
 * defaults that keep 3:1 against the background), totals, tables and the audit log's filters.
 */
export const adminReportStyles = css`
  :host {
    max-width: 60rem;
    --_chart-bar: var(--sspr-chart-bar, var(--sspr-accent));
    --_chart-grid: var(--sspr-chart-grid, var(--sspr-border));
    --_chart-email: var(--sspr-chart-email, #0b57d0);
    --_chart-sms: var(--sspr-chart-sms, #b45309);
    --_chart-voice: var(--sspr-chart-voice, #7e22ce);
    --_chart-app: var(--sspr-chart-app, #15803d);
    --_chart-questions: var(--sspr-chart-questions, #be185d);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([data-theme="light"])) {
      ${darkCharts}
    }
  }
  :host([data-theme="dark"]) {
    ${darkCharts}
  }
  /* Grid items may shrink below their content: wide tables scroll in their region instead. */
  [part="step"] > *,
  section > * {
    min-width: 0;
  }
  section {
    display: grid;
    gap: calc(var(--sspr-space) / 2);
    padding-top: var(--sspr-space);
    border-top: 1px solid var(--sspr-border);
  }
  h3,
  h4,
  p {
    margin: 0;
  }
  h3 {
    font-size: 1.125rem;
  }
  h4 {
    font-size: 1rem;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--sspr-space);
    border: 1px solid var(--sspr-border);
    border-radius: var(--sspr-radius);
  }
  fieldset [part="error"] {
    flex-basis: 100%;
  }
  .presets,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--sspr-space) / 2);
  }
  button[aria-pressed="true"] {
    background: var(--sspr-accent);
    color: var(--sspr-accent-fg);
  }
  meter {
    width: 100%;
    height: 1.25rem;
    background: var(--sspr-bg);
    border: 1px solid var(--sspr-border);
    border-radius: var(--sspr-radius);
  }
  meter::-webkit-meter-bar {
    background: transparent;
    border: none;
    border-radius: var(--sspr-radius);
    height: 100%;
  }
  meter::-webkit-meter-optimum-value {
    background: var(--_chart-bar);
    border-radius: var(--sspr-radius);
  }
  meter::-moz-meter-bar {
    background: var(--_chart-bar);
  }
  [part="chart"] {
    width: 100%;
    height: auto;
    font-size: 14px;
    max-width: 50rem;
  }
  [part="chart"] text {
    fill: var(--sspr-fg);
  }
  [part="chart"] .axis {
    fill: var(--sspr-muted);
  }
  [part="chart"] .grid {
    stroke: var(--_chart-grid);
    stroke-width: 1;
  }
  [part="chart"] .track {
    fill: none;
    stroke: var(--sspr-border);
  }
  [part="chart"] .bar {
    fill: var(--_chart-bar);
  }
  [part="chart"] rect[class^="series-"] {
    fill: var(--_series);
    stroke: var(--sspr-bg);
    stroke-width: 0.5;
  }
  .series-email {
    --_series: var(--_chart-email);
  }
  .series-sms {
    --_series: var(--_chart-sms);
  }
  .series-voice {
    --_series: var(--_chart-voice);
  }
  .series-app {
    --_series: var(--_chart-app);
  }
  .series-questions {
    --_series: var(--_chart-questions);
  }
  [part="legend"] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--sspr-space) / 2) var(--sspr-space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part="legend"] li {
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }
  .swatch {
    background: var(--_series);
    display: inline-block;
    width: 0.875rem;
    height: 0.875rem;
    border-radius: 2px;
    forced-color-adjust: none;
  }
  [part="totals"] {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: calc(var(--sspr-space) / 2);
    margin: 0;
  }
  [part="totals"] div {
    padding: calc(var(--sspr-space) / 2);
    border: 1px solid var(--sspr-border);
    border-radius: var(--sspr-radius);
  }
  [part="totals"] dt {
    color: var(--sspr-muted);
    font-size: 0.875rem;
  }
  [part="totals"] dd {
    margin: 0;
    font-size: 1.5rem;
    font-weight: 600;
  }
  details summary {
    cursor: pointer;
    color: var(--sspr-accent);
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  th,
  td {
    padding: 0.25rem 0.5rem;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--sspr-border);
  }
  tbody th {
    font-weight: normal;
    white-space: nowrap;
  }
  td.detail {
    overflow-wrap: anywhere;
    color: var(--sspr-muted);
  }
  td[data-outcome="failure"] {
    color: var(--sspr-danger);
  }
  [part="status"] {
    color: var(--sspr-ok);
  }
  [part="status"]:empty {
    display: none;
  }
`;
