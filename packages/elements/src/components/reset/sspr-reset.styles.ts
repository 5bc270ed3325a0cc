import { css } from "lit";

/** What only `<sspr-reset>` shows: the password checklist and the bot check's progress. */
export const resetStyles = css`
  ul[part="checklist"] {
    margin: 0;
    padding-left: 1.25rem;
  }
  [data-passed="true"] {
    color: var(--sspr-ok);
  }
  progress {
    width: 100%;
    accent-color: var(--sspr-accent);
  }
`;
