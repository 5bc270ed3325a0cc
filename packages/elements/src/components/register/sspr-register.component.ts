import {
  connectRegistration,
  type RegisteredMethod,
  type RegistrationApi,
  type RegistrationStatus,
  registrationMachine,
} from "@sspr/core";
import { html, nothing, type TemplateResult } from "lit";
import { MachineController } from "../../controllers/machine-controller.js";
import { TickerController } from "../../controllers/ticker-controller.js";
import { SsprRegistrationCompleteEvent } from "../../events/sspr-events.js";
import { commonEn } from "../../i18n/common.en.js";
import { joinCatalogues, type Messages, type Translate } from "../../i18n/localize.js";
import { registerEn } from "../../i18n/register.en.js";
import { baseStyles } from "../shared/base.styles.js";
import { codeInput, resendButton, secondsUntil, typedCode } from "../shared/code-entry.js";
import { onSubmit } from "../shared/on-submit.js";
import { type CommonKey, SsprElement } from "../shared/sspr-element.js";
import { registerStyles } from "./sspr-register.styles.js";

type RegisterKey = keyof typeof registerEn;
type T = Translate<RegisterKey | CommonKey>;

const messages: Messages<RegisterKey | CommonKey> = {
  en: { ...commonEn, ...registerEn },
  nl: () =>
    joinCatalogues(
      import("../../i18n/common.nl.js").then((m) => m.commonNl),
      import("../../i18n/register.nl.js").then((m) => m.registerNl),
    ),
};

/** A registered method as the user reads it: "Email address a•••@e•••". */
const methodName = (method: RegisteredMethod, t: T): string =>
  t(`register.kind.${method.kind}`, { hint: method.hint });

/** The base32 key in groups of four, as authenticator apps show and accept it. */
const groupedKey = (secret: string): string => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * A signed-in user's security info: what the policy requires and what is registered; add an
 * email address or phone number (verified with a code before it is saved), an authenticator
 * app (QR code and manual key), security questions when the policy allows them; remove;
 * re-confirm when due.
 *
 * @summary Registration of the methods a user resets their password with.
 * @event sspr-step-change - The registration moved to another step (`event.step`).
 * @event sspr-registration-complete - The user finished with everything the policy asks registered.
 * @event sspr-error - The engine reported a problem (`event.problem`), or the server could not be reached (`null`).
 * @csspart step - The container of the current step.
 * @csspart error - A problem the engine reported.
 * @csspart hint - Explanatory text.
 * @csspart methods - The list of registered methods.
 * @csspart qr - The authenticator app's QR code.
 * @csspart key - The authenticator app's key for manual entry.
 * @cssproperty --sspr-accent - Buttons and focus rings.
 * @cssproperty --sspr-fg - Text colour.
 * @cssproperty --sspr-bg - Background colour.
 * @cssproperty --sspr-muted - Hints.
 * @cssproperty --sspr-border - Field and list borders.
 * @cssproperty --sspr-danger - Problems.
 * @cssproperty --sspr-radius - Corner radius.
 * @cssproperty --sspr-space - Space between parts.
 */
export class SsprRegisterElement extends SsprElement<RegisterKey> {
  static override styles = [baseStyles, registerStyles];

  protected override readonly messages = messages;
  #machine = new MachineController(this, registrationMachine, () => ({ api: this.resolveApi() }));
  // Whether the questions form chose one question twice at its last submit.
  #duplicateQuestions = false;
  /** @internal */
  protected readonly resendTicker = new TickerController(
    this,
    () => this.#view.step === "verify-contact" && secondsUntil(this.#view.resendAvailableAt) > 0,
  );

  get #view(): RegistrationApi {
    const { actor } = this.#machine;
    return connectRegistration(actor.getSnapshot(), actor.send);
  }

  protected override get state(): RegistrationApi {
    return this.#view;
  }

  protected override enterStep(step: string): Event[] {
    this.#duplicateQuestions = false;
    return step === "complete" ? [new SsprRegistrationCompleteEvent()] : [];
  }

  protected override renderStep(t: T): TemplateResult {
    const view = this.#view;
    switch (view.step) {
      case "loading":
        return html`${this.heading(t("register.loading.heading"))}<progress aria-label=${t("common.busy")}></progress>`;
      case "overview":
        return view.status ? this.#overview(view, view.status, t) : this.heading("");
      case "add-contact":
        return this.#addContact(view, t);
      case "verify-contact":
        return html`${this.heading(t("register.verify.heading"))}
          <form @submit=${onSubmit((value) => view.submitCode(typedCode(value("code"))))}>
            <p part="hint" id="code-hint">${t("register.verify.hint", { hint: view.pendingContact?.hint ?? "" })}</p>
            ${codeInput(t("register.code.label"), "code-hint code-error")}
            ${this.problemText(view.problem, t, "code-error")}
            <button ?disabled=${view.busy}>${t("register.code.submit")}</button>
            ${resendButton({
              wait: secondsUntil(view.resendAvailableAt),
              busy: view.busy,
              label: t("register.code.resend"),
              waitingLabel: t("register.code.resendIn", {
                seconds: secondsUntil(view.resendAvailableAt),
              }),
              onResend: () => view.resend(),
            })}
            ${this.#cancel(view, t)}
          </form>`;
      case "add-app":
        return this.#addApp(view, t);
      case "set-questions":
        return this.#setQuestions(view, t);
      case "complete":
        return html`${this.heading(t("register.complete.heading"))}<p>${t("register.complete.text")}</p>`;
      case "network-error":
        return this.networkError(t, () => view.retry());
    }
  }

  #overview(view: RegistrationApi, status: RegistrationStatus, t: T): TemplateResult {
    const { allowed, methods } = status;
    const has = (kind: RegisteredMethod["kind"]) => methods.some((m) => m.kind === kind);
    const adds: [RegisterKey, () => void][] = [];
    if (allowed.email) adds.push(["register.add.email", () => view.addContact("email")]);
    if (allowed.sms || allowed.voice)
      adds.push(["register.add.phone", () => view.addContact("phone")]);
    if (allowed.app && !has("app")) adds.push(["register.add.app", () => view.addApp()]);
    if (allowed.questions)
      adds.push([
        has("questions") ? "register.change.questions" : "register.add.questions",
        () => view.addQuestions(),
      ]);
    return html`${this.heading(t("register.overview.heading"))}
      <p part="hint" id="required">${t("register.overview.required", { required: status.required, count: methods.length })}</p>
      ${
        status.due === "none"
          ? nothing
          : html`<p class="due" id="due">${t(`register.overview.due.${status.due}`)}</p>`
      }
      ${this.problemText(view.problem, t, "overview-error")}
      <section aria-labelledby="methods-heading">
        <h3 id="methods-heading">${t("register.overview.methods")}</h3>
        ${
          methods.length === 0
            ? html`<p part="hint">${t("register.overview.none")}</p>`
            : html`<ul part="methods">
              ${methods.map(
                (m) => html`<li>
                  <span>${methodName(m, t)}</span>
                  <button type="button" data-variant="quiet" ?disabled=${view.busy}
                    aria-label=${t("register.remove.label", { method: methodName(m, t) })}
                    @click=${() => view.remove(m.id)}>${t("register.remove")}</button>
                </li>`,
              )}
            </ul>`
        }
      </section>
      <section aria-labelledby="add-heading">
        <h3 id="add-heading">${t("register.overview.add")}</h3>
        <div class="actions">
          ${adds.map(
            ([key, add]) =>
              html`<button type="button" data-variant="quiet" ?disabled=${view.busy} @click=${add}>${t(key)}</button>`,
          )}
        </div>
      </section>
      <div class="actions">
        ${
          status.due === "reconfirm"
            ? html`<button type="button" ?disabled=${view.busy} @click=${() => view.reconfirm()}>${t("register.overview.reconfirm")}</button>`
            : nothing
        }
        <button type="button" ?disabled=${!view.canFinish || view.busy} aria-describedby="required ${status.due === "none" ? "" : "due"}"
          @click=${() => view.finish()}>${t("register.overview.finish")}</button>
      </div>`;
  }

  #addContact(view: RegistrationApi, t: T): TemplateResult {
    const kind = view.contactKind;
    return html`${this.heading(t(`register.contact.heading.${kind}`))}
      <form @submit=${onSubmit((value) => view.submitContact(value("contact")))}>
        <label>${t(`register.contact.label.${kind}`)}
          <input name="contact" type=${kind === "email" ? "email" : "tel"} autocomplete=${kind === "email" ? "email" : "tel"}
            required maxlength="320" aria-describedby="contact-hint contact-error" />
        </label>
        <p part="hint" id="contact-hint">${t(`register.contact.hint.${kind}`)}</p>
        ${this.problemText(view.problem, t, "contact-error")}
        <button ?disabled=${view.busy}>${t("register.contact.submit")}</button>
        ${this.#cancel(view, t)}
      </form>`;
  }

  #addApp(view: RegistrationApi, t: T): TemplateResult {
    const app = view.pendingApp;
    // The QR code is the engine's SVG shown as an image: markup in an <img> runs no script.
    const qr = app ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(app.qrSvg)}` : "";
    return html`${this.heading(t("register.app.heading"))}
      <form @submit=${onSubmit((value) => view.submitCode(typedCode(value("code"))))}>
        <p part="hint">${t("register.app.scan")}</p>
        ${app ? html`<img part="qr" src=${qr} alt=${t("register.app.qr")} width="200" height="200" />` : nothing}
        <p>${t("register.app.key")}: <code part="key">${app ? groupedKey(app.secret) : ""}</code></p>
        <p part="hint" id="app-hint">${t("register.app.hint")}</p>
        ${codeInput(t("register.code.label"), "app-hint code-error")}
        ${this.problemText(view.problem, t, "code-error")}
        <button ?disabled=${view.busy}>${t("register.code.submit")}</button>
        ${this.#cancel(view, t)}
      </form>`;
  }

  #setQuestions(view: RegistrationApi, t: T): TemplateResult {
    const available = view.status?.questions.available ?? [];
    const count = view.status?.questions.toRegister ?? 3;
    const slots = Array.from({ length: count }, (_, i) => i + 1);
    const submit = onSubmit((value) => {
      const answers = slots.map((n) => ({
        questionId: value(`question-${n}`),
        answer: value(`answer-${n}`),
      }));
      this.#duplicateQuestions = new Set(answers.map((a) => a.questionId)).size < answers.length;
      this.requestUpdate();
      if (!this.#duplicateQuestions) view.submitAnswers(answers);
    });
    return html`${this.heading(t("register.questions.heading"))}
      <form @submit=${submit}>
        <p part="hint" id="questions-hint">${t("register.questions.hint", { count })}</p>
        ${slots.map(
          (n) => html`<fieldset>
            <legend>${t("register.questions.question", { n })}</legend>
            <label>${t("register.questions.question", { n })}
              <select name="question-${n}" aria-describedby="questions-hint questions-error">
                ${available.map((q, i) => html`<option value=${q.id} ?selected=${i === n - 1}>${q.text}</option>`)}
              </select>
            </label>
            <label>${t("register.questions.answer", { n })}
              <input name="answer-${n}" required minlength="3" maxlength="40" autocomplete="off" aria-describedby="questions-hint questions-error" />
            </label>
          </fieldset>`,
        )}
        ${
          this.#duplicateQuestions
            ? html`<p part="error" id="questions-error" role="alert">${t("register.questions.duplicate")}</p>`
            : this.problemText(view.problem, t, "questions-error")
        }
        <button ?disabled=${view.busy}>${t("register.questions.submit")}</button>
        ${this.#cancel(view, t)}
      </form>`;
  }

  #cancel(view: RegistrationApi, t: T): TemplateResult {
    return html`<button type="button" data-variant="quiet" @click=${() => view.cancel()}>${t("common.cancel")}</button>`;
  }
}
