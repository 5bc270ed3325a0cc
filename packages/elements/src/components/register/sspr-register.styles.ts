import { css } from "lit";

/** What only `<sspr-register>` shows: the method list, the QR code and key, due notices. */
export const registerStyles = css`
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  section {
    display: grid;
    gap: calc(var(--sspr-space) / 2);
  }
  ul[part="methods"] {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: calc(var(--sspr-space) / 2);
  }
  ul[part="methods"] li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--sspr-space);
    padding: calc(var(--sspr-space) / 2) var(--sspr-space);
    border: 1px solid var(--sspr-border);
    border-radius: var(--sspr-radius);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--sspr-space) / 2);
  }
  .due {
    margin: 0;
    padding: calc(var(--sspr-space) / 2) var(--sspr-space);
    border-left: 4px solid var(--sspr-accent);
  }
  img[part="qr"] {
    background: #fff;
    padding: 8px;
    border-radius: var(--sspr-radius);
    justify-self: start;
  }
  code[part="key"] {
    font-size: 1.1em;
    letter-spacing: 0.05em;
    word-break: break-all;
  }
  fieldset {
    display: grid;
    gap: calc(var(--sspr-space) / 2);
  }
`;
