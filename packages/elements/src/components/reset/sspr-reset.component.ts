import { connectReset, type ResetApi, resetMachine } from "@sspr/core";
import { html, nothing, type TemplateResult } from "lit";
import { solveOffMainThread } from "../../bot/solve-off-main-thread.js";
import { MachineController } from "../../controllers/machine-controller.js";
import { TickerController } from "../../controllers/ticker-controller.js";
import { SsprResetCompleteEvent } from "../../events/sspr-events.js";
import { commonEn } from "../../i18n/common.en.js";
import { joinCatalogues, type Messages, type Translate } from "../../i18n/localize.js";
import { resetEn } from "../../i18n/reset.en.js";
import { baseStyles } from "../shared/base.styles.js";
import { codeInput, resendButton, secondsUntil, typedCode } from "../shared/code-entry.js";
import { onSubmit } from "../shared/on-submit.js";
import { type CommonKey, SsprElement } from "../shared/sspr-element.js";
import { resetStyles } from "./sspr-reset.styles.js";

type ResetKey = keyof typeof resetEn;
type T = Translate<ResetKey | CommonKey>;

const messages: Messages<ResetKey | CommonKey> = {
  en: { ...commonEn, ...resetEn },
  nl: () =>
    joinCatalogues(
      import("../../i18n/common.nl.js").then((m) => m.commonNl),
      import("../../i18n/reset.nl.js").then((m) => m.resetNl),
    ),
};

/**
 * Self-service password reset: user ID and bot check, a registered method, its code, a new
 * password that meets the rules.
 *
 * @summary A forgotten-password reset, every step driven by the engine.
 * @event sspr-step-change - The reset moved to another step (`event.step`).
 * @event sspr-reset-complete - The password was changed.
 * @event sspr-error - The engine reported a problem (`event.problem`), or the server could not be reached (`null`).
 * @csspart step - The container of the current step.
 * @csspart error - A problem the engine reported.
 * @csspart hint - Explanatory text.
 * @csspart checklist - The live password-rule checklist.
 * @cssproperty --sspr-accent - Buttons and focus rings.
 * @cssproperty --sspr-fg - Text colour.
 * @cssproperty --sspr-bg - Background colour.
 * @cssproperty --sspr-danger - Problems.
 * @cssproperty --sspr-ok - Rules that pass.
 * @cssproperty --sspr-radius - Corner radius.
 * @cssproperty --sspr-space - Space between parts.
 */
export class SsprResetElement extends SsprElement<ResetKey> {
  static override styles = [baseStyles, resetStyles];
  static override properties = {
    ...SsprElement.properties,
    returnUrl: { type: String, attribute: "return-url" },
    invitation: { type: String },
  };

  /** Where "back to sign-in" goes; only same-origin URLs are shown. */
  returnUrl = "";
  /**
   * The token of an administrator's reset invitation (the page takes it from the link's
   * `invitation` query parameter): the reset starts at the new password.
   */
  invitation = "";

  protected override readonly messages = messages;
  #machine = new MachineController(this, resetMachine, () => ({
    api: this.resolveApi(),
    solveBot: solveOffMainThread,
    locale: this.language,
  }));
  // The password step's own state: what is typed (for the live checklist, sent only on
  // submit), whether it is shown, and whether the confirmation differed at the last submit.
  #password = "";
  #showPassword = false;
  #mismatch = false;
  /** @internal */
  protected readonly resendTicker = new TickerController(
    this,
    () => this.#view.step === "enter-code" && secondsUntil(this.#view.resendAvailableAt) > 0,
  );

  get #view(): ResetApi {
    const { actor } = this.#machine;
    return connectReset(actor.getSnapshot(), actor.send);
  }

  protected override get state(): ResetApi {
    return this.#view;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.invitation) this.#view.redeemInvitation(this.invitation);
  }

  protected override enterStep(step: string): Event[] {
    this.#password = "";
    this.#showPassword = false;
    this.#mismatch = false;
    return step === "done" ? [new SsprResetCompleteEvent()] : [];
  }

  protected override renderStep(t: T): TemplateResult {
    const view = this.#view;
    switch (view.step) {
      case "identify":
        return html`${this.heading(t("reset.identify.heading"))}
          <form @submit=${onSubmit((value) => view.identify(value("identifier")))}>
            <label>${t("reset.identify.label")}
              <input name="identifier" autocomplete="username" required aria-describedby="identify-hint identify-error" />
            </label>
            <p part="hint" id="identify-hint">${t("reset.identify.hint")}</p>
            ${view.busy ? html`<label class="inline" part="progress">${t("reset.bot.progress")}<progress></progress></label>` : nothing}
            ${this.problemText(view.problem, t, "identify-error")}
            <button ?disabled=${view.busy}>${t("reset.identify.submit")}</button>
          </form>`;
      case "choose-method":
        return html`${this.heading(t("reset.choose.heading"))}
          <p part="hint">${t("reset.choose.progress", { verified: view.verified + 1, required: view.required })}</p>
          ${view.methods.map(
            (
              m,
            ) => html`<button data-variant="quiet" ?disabled=${view.busy} @click=${() => view.selectMethod(m.id)}>
              ${t(`reset.method.${m.kind}` as ResetKey, { hint: m.hint })}
            </button>`,
          )}`;
      case "confirm-contact": {
        const kind = view.selectedMethod?.kind === "phone" ? "phone" : "email";
        const channels = view.selectedMethod?.channels ?? [];
        return html`${this.heading(t("reset.confirm.heading"))}
          <form @submit=${onSubmit((value) => {
            const channel = value("channel");
            view.submitContact(
              value("contact"),
              channel === "sms" || channel === "voice" ? channel : undefined,
            );
          })}>
            <label>${t(`reset.confirm.label.${kind}`)}
              <input name="contact" type=${kind === "email" ? "email" : "tel"} autocomplete=${kind === "email" ? "email" : "tel"} required aria-describedby="contact-error" />
            </label>
            ${
              kind === "phone" && channels.length > 1
                ? html`<fieldset><legend>${t("reset.confirm.channel")}</legend>
                  ${channels.map((c, i) => html`<label><input type="radio" name="channel" value=${c} ?checked=${i === 0} /> ${t(`reset.channel.${c}` as ResetKey)}</label>`)}
                </fieldset>`
                : nothing
            }
            ${this.problemText(view.problem, t, "contact-error")}
            <button ?disabled=${view.busy}>${t("reset.confirm.submit")}</button>
            <button type="button" data-variant="quiet" @click=${() => view.back()}>${t("common.back")}</button>
          </form>`;
      }
      case "enter-code":
        return html`${this.heading(t("reset.code.heading"))}
          <form @submit=${onSubmit((value) => view.submitCode(typedCode(value("code"))))}>
            <p part="hint" id="code-hint">${t(view.selectedMethod?.kind === "app" ? "reset.code.hint.app" : "reset.code.hint.sent")}</p>
            ${codeInput(t("reset.code.label"), "code-hint code-error")}
            ${this.problemText(view.problem, t, "code-error")}
            <button ?disabled=${view.busy}>${t("reset.code.submit")}</button>
            ${
              view.selectedMethod?.kind === "app"
                ? nothing
                : resendButton({
                    wait: secondsUntil(view.resendAvailableAt),
                    busy: view.busy,
                    label: t("reset.code.resend"),
                    waitingLabel: t("reset.code.resendIn", {
                      seconds: secondsUntil(view.resendAvailableAt),
                    }),
                    onResend: () => view.resend(),
                  })
            }
            <button type="button" data-variant="quiet" @click=${() => view.back()}>${t("common.back")}</button>
          </form>`;
      case "answer-questions":
        return html`${this.heading(t("reset.questions.heading"))}
          <form @submit=${onSubmit((value) => view.submitAnswers(view.questions.map((q) => ({ questionId: q.id, answer: value(q.id) }))))}>
            ${view.questions.map((q) => html`<label>${q.text}<input name=${q.id} required autocomplete="off" aria-describedby="answers-error" /></label>`)}
            ${this.problemText(view.problem, t, "answers-error", { "code-invalid": "reset.questions.wrong" })}
            <button ?disabled=${view.busy}>${t("reset.questions.submit")}</button>
            <button type="button" data-variant="quiet" @click=${() => view.back()}>${t("common.back")}</button>
          </form>`;
      case "new-password": {
        const results = view.checkPassword(this.#password).results;
        const rejected = view.problem?.rules ?? [];
        return html`${this.heading(t("reset.password.heading"))}
          <form @submit=${onSubmit((value) => {
            this.#mismatch = value("password") !== value("confirm");
            this.requestUpdate();
            if (!this.#mismatch) view.submitPassword(value("password"));
          })}>
            <label>${t("reset.password.label")}
              <input name="password" type=${this.#showPassword ? "text" : "password"} autocomplete="new-password" required aria-describedby="rules password-error"
                @input=${(e: InputEvent) => {
                  this.#password = (e.target as HTMLInputElement).value;
                  this.requestUpdate();
                }} />
            </label>
            <label>${t("reset.password.confirm")}
              <input name="confirm" type=${this.#showPassword ? "text" : "password"} autocomplete="new-password" required aria-describedby="confirm-error" aria-invalid=${this.#mismatch ? "true" : "false"} />
            </label>
            ${this.#mismatch ? html`<p part="error" id="confirm-error" role="alert">${t("reset.password.mismatch")}</p>` : nothing}
            <label class="inline">
              <input type="checkbox" .checked=${this.#showPassword} @change=${(e: Event) => {
                this.#showPassword = (e.target as HTMLInputElement).checked;
                this.requestUpdate();
              }} />
              ${t("reset.password.show")}
            </label>
            <ul part="checklist" id="rules">
              ${[...results, ...rejected.filter((r) => r.rule === "history")].map((r) => {
                const passed = r.passed && !rejected.some((x) => x.rule === r.rule && !x.passed);
                return html`<li data-passed=${passed ? "true" : "false"}>${t(`reset.rule.${r.rule}` as ResetKey, { min: view.minLength })}</li>`;
              })}
            </ul>
            ${this.problemText(view.problem, t, "password-error")}
            <button ?disabled=${view.busy}>${t("reset.password.submit")}</button>
          </form>
          ${
            view.canUnlock
              ? html`<section aria-labelledby="unlock-heading">
                  <h3 id="unlock-heading">${t("reset.unlock.heading")}</h3>
                  <p>${t("reset.unlock.text")}</p>
                  <button type="button" data-variant="quiet" ?disabled=${view.busy} @click=${() => view.unlock()}>${t("reset.unlock.submit")}</button>
                </section>`
              : nothing
          }`;
      }
      case "done":
        return html`${this.heading(t("reset.done.heading"))}
          <p>${t("reset.done.text")}</p>
          ${this.#safeReturnUrl() ? html`<a href=${this.#safeReturnUrl()}>${t("reset.done.back")}</a>` : nothing}`;
      case "unlocked":
        return html`${this.heading(t("reset.unlocked.heading"))}
          <p>${t("reset.unlocked.text")}</p>
          ${this.#safeReturnUrl() ? html`<a href=${this.#safeReturnUrl()}>${t("reset.done.back")}</a>` : nothing}`;
      case "expired":
        return html`${this.heading(t("reset.expired.heading"))}<p>${t("reset.expired.text")}</p>
          <button @click=${() => view.restart()}>${t("reset.restart")}</button>${this.#helpdesk(view, t)}`;
      case "throttled":
        return html`${this.heading(t("reset.throttled.heading"))}<p>${t("reset.throttled.text")}</p>
          <button @click=${() => view.restart()}>${t("reset.restart")}</button>${this.#helpdesk(view, t)}`;
      case "network-error":
        return html`${this.networkError(t, () => view.retry())}${this.#helpdesk(view, t)}`;
    }
  }

  #helpdesk(view: ResetApi, t: T): TemplateResult | typeof nothing {
    const help = view.helpdesk;
    if (!help || help.kind === "none") return nothing;
    const href = help.kind === "url" ? help.url : `mailto:${help.email}`;
    return html`<p><a href=${href}>${t("reset.helpdesk")}</a></p>`;
  }

  /** The return URL when it stays on this origin; anything else is not offered. */
  #safeReturnUrl(): string {
    if (!this.returnUrl) return "";
    try {
      const url = new URL(this.returnUrl, location.href);
      return url.origin === location.origin ? url.href : "";
    } catch {
      return "";
    }
  }
}
