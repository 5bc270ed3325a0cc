import { ContextConsumer } from "@lit/context";
import {
  connectReset,
  createHttpApi,
  type Problem,
  type ResetApi,
  type ResetView,
  resetMachine,
  type SsprApi,
  solveBotChallenge,
} from "@sspr/core";
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { ssprContext } from "../../context/sspr-context.js";
import { MachineController } from "../../controllers/machine-controller.js";
import { TickerController } from "../../controllers/ticker-controller.js";
import type { MessageKey } from "../../i18n/en.js";
import { localeOf, type Translate, translator } from "../../i18n/localize.js";
import {
  SsprErrorEvent,
  SsprResetCompleteEvent,
  SsprStepChangeEvent,
} from "./sspr-reset.events.js";
import { resetStyles } from "./sspr-reset.styles.js";

/** A submit listener that keeps the page where it is and hands over the form's values. */
const onSubmit = (handle: (value: (name: string) => string) => void) => (event: SubmitEvent) => {
  event.preventDefault();
  const values = new FormData(event.target as HTMLFormElement);
  handle((name) => String(values.get(name) ?? ""));
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
export class SsprResetElement extends LitElement {
  static override styles = resetStyles;
  static override properties = {
    endpoint: { type: String },
    locale: { type: String },
    returnUrl: { type: String, attribute: "return-url" },
    api: { attribute: false },
  };

  /** The API base URL, when no `api` is given (else a surrounding `<sspr-provider>`'s). */
  endpoint = "";
  /** `en` or `nl`; the page's `lang` when absent. */
  locale: string | null = null;
  /** Where "back to sign-in" goes; only same-origin URLs are shown. */
  returnUrl = "";
  /** Any `SsprApi`; takes precedence over `endpoint`. */
  api: SsprApi | undefined;

  // Before the machine's controller, so a provider's settings are known when the machine starts.
  #shared = new ContextConsumer(this, { context: ssprContext });
  #machine = new MachineController(this, resetMachine, () => ({
    api: this.#api(),
    solveBot: solveBotChallenge,
    locale: this.#locale,
  }));

  /** This element's `api`, else its own `endpoint`, else a surrounding provider's API. */
  #api(): SsprApi {
    if (this.api) return this.api;
    const shared = this.#shared.value;
    return !this.endpoint && shared ? shared.api : createHttpApi({ endpoint: this.endpoint });
  }

  /** This element's `locale`, else the provider's, else the page's `lang`. */
  get #locale() {
    return localeOf(this, this.locale ?? this.#shared.value?.locale ?? null);
  }
  #lastStep: ResetView | null = null;
  #lastProblem: Problem | null = null;
  // The password step's own state: what is typed (for the live checklist, sent only on
  // submit), whether it is shown, and whether the confirmation differed at the last submit.
  #password = "";
  #showPassword = false;
  #mismatch = false;
  /** Seconds until a code can be sent again; 0 when it can. */
  get #resendIn(): number {
    const at = this.#view.resendAvailableAt;
    return at === null ? 0 : Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  /** @internal */
  protected readonly resendTicker = new TickerController(
    this,
    () => this.#view.step === "enter-code" && this.#resendIn > 0,
  );

  get #view(): ResetApi {
    const { actor } = this.#machine;
    return connectReset(actor.getSnapshot(), actor.send);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const { step, problem } = this.#view;
    // Events are documented by the @event tags above; one dispatch point keeps them in step.
    const events: Event[] = [];
    if (problem !== this.#lastProblem || (step === "network-error" && step !== this.#lastStep)) {
      this.#lastProblem = problem;
      if (problem || step === "network-error") events.push(new SsprErrorEvent(problem));
    }
    if (step !== this.#lastStep) {
      this.#lastStep = step;
      this.#password = "";
      this.#showPassword = false;
      this.#mismatch = false;
      this.renderRoot.querySelector<HTMLElement>("h2")?.focus();
      events.push(new SsprStepChangeEvent(step));
      if (step === "done") events.push(new SsprResetCompleteEvent());
    }
    for (const event of events) this.dispatchEvent(event);
  }

  protected override render(): TemplateResult {
    const t = translator(this.#locale);
    const view = this.#view;
    return html`
      <div part="step" aria-busy=${view.busy ? "true" : "false"}>
        ${this.#step(view, t)}
        <p class="visually-hidden" role="status" aria-live="polite">${view.busy ? t("reset.bot.progress") : ""}</p>
      </div>
    `;
  }

  #problem(problem: Problem | null, t: Translate, id: string): TemplateResult | typeof nothing {
    if (!problem) return nothing;
    const known = [
      "invalid-request",
      "code-invalid",
      "code-expired",
      "password-rejected",
      "bot-check-failed",
    ] as const;
    const key = (known as readonly string[]).includes(problem.code)
      ? (`problem.${problem.code}` as MessageKey)
      : "problem.other";
    return html`<p part="error" id=${id} role="alert">${t(key, { attemptsLeft: problem.attemptsLeft ?? 0 })}</p>`;
  }

  #heading(key: MessageKey, t: Translate): TemplateResult {
    return html`<h2 tabindex="-1">${t(key)}</h2>`;
  }

  #step(view: ResetApi, t: Translate): TemplateResult {
    switch (view.step) {
      case "identify":
        return html`${this.#heading("reset.identify.heading", t)}
          <form @submit=${onSubmit((value) => view.identify(value("identifier")))}>
            <label>${t("reset.identify.label")}
              <input name="identifier" autocomplete="username" required aria-describedby="identify-hint identify-error" />
            </label>
            <p part="hint" id="identify-hint">${t("reset.identify.hint")}</p>
            ${this.#problem(view.problem, t, "identify-error")}
            <button ?disabled=${view.busy}>${t("reset.identify.submit")}</button>
          </form>`;
      case "choose-method":
        return html`${this.#heading("reset.choose.heading", t)}
          <p part="hint">${t("reset.choose.progress", { verified: view.verified + 1, required: view.required })}</p>
          ${view.methods.map(
            (
              m,
            ) => html`<button data-variant="quiet" ?disabled=${view.busy} @click=${() => view.selectMethod(m.id)}>
              ${t(`reset.method.${m.kind}` as MessageKey, { hint: m.hint })}
            </button>`,
          )}`;
      case "confirm-contact": {
        const kind = view.selectedMethod?.kind === "phone" ? "phone" : "email";
        const channels = view.selectedMethod?.channels ?? [];
        return html`${this.#heading("reset.confirm.heading", t)}
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
                  ${channels.map((c, i) => html`<label><input type="radio" name="channel" value=${c} ?checked=${i === 0} /> ${t(`reset.channel.${c}` as MessageKey)}</label>`)}
                </fieldset>`
                : nothing
            }
            ${this.#problem(view.problem, t, "contact-error")}
            <button ?disabled=${view.busy}>${t("reset.confirm.submit")}</button>
            <button type="button" data-variant="quiet" @click=${() => view.back()}>${t("reset.back")}</button>
          </form>`;
      }
      case "enter-code":
        return html`${this.#heading("reset.code.heading", t)}
          <form @submit=${onSubmit((value) => view.submitCode(value("code")))}>
            <p part="hint" id="code-hint">${t(view.selectedMethod?.kind === "app" ? "reset.code.hint.app" : "reset.code.hint.sent")}</p>
            <label>${t("reset.code.label")}
              <input name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" required aria-describedby="code-hint code-error" />
            </label>
            ${this.#problem(view.problem, t, "code-error")}
            <button ?disabled=${view.busy}>${t("reset.code.submit")}</button>
            ${view.selectedMethod?.kind === "app" ? nothing : this.#resendButton(view, t)}
            <button type="button" data-variant="quiet" @click=${() => view.back()}>${t("reset.back")}</button>
          </form>`;
      case "answer-questions":
        return html`${this.#heading("reset.questions.heading", t)}
          <form @submit=${onSubmit((value) => view.submitAnswers(view.questions.map((q) => ({ questionId: q.id, answer: value(q.id) }))))}>
            ${view.questions.map((q) => html`<label>${q.text}<input name=${q.id} required autocomplete="off" aria-describedby="answers-error" /></label>`)}
            ${this.#problem(view.problem, t, "answers-error")}
            <button ?disabled=${view.busy}>${t("reset.questions.submit")}</button>
            <button type="button" data-variant="quiet" @click=${() => view.back()}>${t("reset.back")}</button>
          </form>`;
      case "new-password": {
        const results = view.checkPassword(this.#password).results;
        const rejected = view.problem?.rules ?? [];
        return html`${this.#heading("reset.password.heading", t)}
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
                return html`<li data-passed=${passed ? "true" : "false"}>${t(`reset.rule.${r.rule}` as MessageKey, { min: view.minLength })}</li>`;
              })}
            </ul>
            ${this.#problem(view.problem, t, "password-error")}
            <button ?disabled=${view.busy}>${t("reset.password.submit")}</button>
          </form>`;
      }
      case "done":
        return html`${this.#heading("reset.done.heading", t)}
          <p>${t("reset.done.text")}</p>
          ${this.#safeReturnUrl() ? html`<a href=${this.#safeReturnUrl()}>${t("reset.done.back")}</a>` : nothing}`;
      case "expired":
        return html`${this.#heading("reset.expired.heading", t)}<p>${t("reset.expired.text")}</p>
          <button @click=${() => view.restart()}>${t("reset.restart")}</button>${this.#helpdesk(view, t)}`;
      case "throttled":
        return html`${this.#heading("reset.throttled.heading", t)}<p>${t("reset.throttled.text")}</p>
          <button @click=${() => view.restart()}>${t("reset.restart")}</button>${this.#helpdesk(view, t)}`;
      case "network-error":
        return html`${this.#heading("reset.network.heading", t)}<p>${t("reset.network.text")}</p>
          <button @click=${() => view.retry()}>${t("reset.retry")}</button>${this.#helpdesk(view, t)}`;
    }
  }

  #resendButton(view: ResetApi, t: Translate): TemplateResult {
    const wait = this.#resendIn;
    return html`<button type="button" data-variant="quiet" ?disabled=${wait > 0 || view.busy} @click=${() => view.resend()}>
      ${wait > 0 ? t("reset.code.resendIn", { seconds: wait }) : t("reset.code.resend")}
    </button>`;
  }

  #helpdesk(view: ResetApi, t: Translate): TemplateResult | typeof nothing {
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
