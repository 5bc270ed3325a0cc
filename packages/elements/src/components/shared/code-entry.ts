import { html, type TemplateResult } from "lit";

/** Seconds until `at` (epoch ms), rounded up; 0 when it has passed or there is none. */
export const secondsUntil = (at: number | null): number =>
  at === null ? 0 : Math.max(0, Math.ceil((at - Date.now()) / 1000));

/**
 * A one-time-code field: digits on phone keyboards, filled from the SMS or the password
 * manager (`autocomplete="one-time-code"`); a pasted "1234 5678" or "1234-5678" is taken too
 * (see `typedCode`).
 */
export const codeInput = (label: string, describedBy: string): TemplateResult =>
  html`<label>${label}
    <input name="code" autocomplete="one-time-code" inputmode="numeric" required aria-describedby=${describedBy} />
  </label>`;

/** "Send a new code", disabled with a visible countdown until the engine allows it. */
export const resendButton = (options: {
  wait: number;
  busy: boolean;
  label: string;
  waitingLabel: string;
  onResend: () => void;
}): TemplateResult =>
  html`<button type="button" data-variant="quiet" ?disabled=${options.wait > 0 || options.busy} @click=${options.onResend}>
    ${options.wait > 0 ? options.waitingLabel : options.label}
  </button>`;

/** A code as typed or pasted, without the spaces and dashes people and messages group it with. */
export const typedCode = (value: string): string => value.replace(/[\s-]/g, "");
