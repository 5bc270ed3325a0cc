import { css } from "lit";

/** The dark scheme's colours: with `prefers-color-scheme: dark`, or `theme="dark"`. */
const dark = css`
  --sspr-fg: #e6edf3;
  --sspr-muted: #9da7b3;
  --sspr-bg: #0d1117;
  --sspr-accent: #8ab4f8;
  --sspr-accent-fg: #0d1117;
  --sspr-danger: #ff9b93;
  --sspr-ok: #7ee2a8;
  --sspr-border: #6e7681;
`;

/**
 * The look every sspr element shares: every colour, radius and space is a `--sspr-*` custom
 * property with a default, light and dark follow `prefers-color-scheme` unless a `theme` is
 * set, motion stops for `prefers-reduced-motion`.
 */
export const baseStyles = css`
  :host {
    --sspr-font: system-ui, sans-serif;
    --sspr-fg: #1b1f24;
    --sspr-muted: #57606a;
    --sspr-bg: #ffffff;
    --sspr-accent: #0b57d0;
    --sspr-accent-fg: #ffffff;
    --sspr-danger: #b3261e;
    --sspr-ok: #1a7f37;
    --sspr-border: #8c959f;
    --sspr-radius: 8px;
    --sspr-space: 1rem;
    display: block;
    font-family: var(--sspr-font);
    color: var(--sspr-fg);
    background: var(--sspr-bg);
    max-width: 28rem;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([data-theme="light"])) {
      ${dark}
    }
  }
  :host([data-theme="dark"]) {
    ${dark}
  }
  [part="step"] {
    display: grid;
    gap: var(--sspr-space);
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  h2:focus {
    outline: none;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  label.inline {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: normal;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.5rem;
    border: 1px solid var(--sspr-border);
    border-radius: var(--sspr-radius);
    background: var(--sspr-bg);
    color: var(--sspr-fg);
  }
  button {
    font: inherit;
    padding: 0.5rem 1rem;
    border-radius: var(--sspr-radius);
    border: 1px solid var(--sspr-accent);
    background: var(--sspr-accent);
    color: var(--sspr-accent-fg);
    cursor: pointer;
    transition: filter 0.15s;
  }
  button[data-variant="quiet"] {
    background: transparent;
    color: var(--sspr-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid var(--sspr-accent);
    outline-offset: 2px;
  }
  [part="error"] {
    color: var(--sspr-danger);
    margin: 0;
  }
  [part="hint"] {
    color: var(--sspr-muted);
    margin: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
