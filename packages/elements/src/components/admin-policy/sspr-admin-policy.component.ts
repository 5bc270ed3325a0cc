import {
  type AdminPolicyApi,
  adminPolicyMachine,
  connectAdminPolicy,
  type Policy,
  type PolicyNumberPath,
  policyLimits,
  rangeErrors,
} from "@sspr/core";
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { MachineController } from "../../controllers/machine-controller.js";
import { SsprPolicySavedEvent } from "../../events/sspr-events.js";
import { adminPolicyEn } from "../../i18n/admin-policy.en.js";
import { commonEn } from "../../i18n/common.en.js";
import { joinCatalogues, type Messages, type Translate } from "../../i18n/localize.js";
import { baseStyles } from "../shared/base.styles.js";
import { onSubmit } from "../shared/on-submit.js";
import { type CommonKey, SsprElement } from "../shared/sspr-element.js";
import { policySummary } from "./policy-summary.js";
import { adminPolicyStyles } from "./sspr-admin-policy.styles.js";

type PolicyKey = keyof typeof adminPolicyEn;
type T = Translate<PolicyKey | CommonKey>;

const messages: Messages<PolicyKey | CommonKey> = {
  en: { ...commonEn, ...adminPolicyEn },
  nl: () =>
    joinCatalogues(
      import("../../i18n/common.nl.js").then((m) => m.commonNl),
      import("../../i18n/admin-policy.nl.js").then((m) => m.adminPolicyNl),
    ),
};

/** The policy's settings that are lists, edited one item per line. */
type ListPath = "enabled.groups" | "securityQuestions.custom" | "password.bannedTerms";
/** The policy's on / off settings. */
type TogglePath =
  | `methods.${keyof Policy["methods"]}`
  | "registration.requireAtSignIn"
  | `notifications.${keyof Policy["notifications"]}`
  | "password.requireStrong"
  | `adminReset.${keyof Policy["adminReset"]}`
  | "accountUnlock";

/** The value at a dotted path of the draft. */
const valueAt = (draft: Policy, path: string): unknown =>
  path.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], draft);

/** A field's id in the shadow root, from its path. */
const idOf = (path: string) => path.replace(/\./g, "-");

const inputOf = (event: Event) => event.target as HTMLInputElement;

/**
 * An administrator's editor of the self-service password reset policy: every setting with its
 * allowed range, errors next to their field (ranges as they are typed, the schema's rules across
 * fields when saving), a summary of
 * what users will experience, save and discard, and a mark while changes are unsaved.
 *
 * @summary The password reset policy, edited by an administrator.
 * @event sspr-step-change - The editor moved to another step (`event.step`: loading, editing, failed, network-error).
 * @event sspr-policy-saved - The engine saved the policy (`event.policy`, `event.version`).
 * @event sspr-error - The engine reported a problem (`event.problem`), or the server could not be reached (`null`).
 * @csspart step - The container of the current step.
 * @csspart error - A problem, or a field's error.
 * @csspart hint - A field's allowed range or format.
 * @csspart unsaved - The unsaved-changes mark.
 * @csspart status - "Saved", once the engine saved the policy.
 * @csspart summary - What users will experience.
 * @cssproperty --sspr-accent - Buttons, focus rings and the unsaved mark.
 * @cssproperty --sspr-fg - Text colour.
 * @cssproperty --sspr-bg - Background colour.
 * @cssproperty --sspr-muted - Hints.
 * @cssproperty --sspr-border - Field, section and summary borders.
 * @cssproperty --sspr-danger - Problems.
 * @cssproperty --sspr-ok - The saved status.
 * @cssproperty --sspr-radius - Corner radius.
 * @cssproperty --sspr-space - Space between parts.
 */
export class SsprAdminPolicyElement extends SsprElement<PolicyKey> {
  static override styles = [baseStyles, adminPolicyStyles];

  protected override readonly messages = messages;
  // Ranges are checked as the administrator types; the engine's schema, with its rules across
  // fields, answers on saving. zod stays out of the page (it would double the element's size).
  #machine = new MachineController(this, adminPolicyMachine, () => ({
    api: this.resolveApi(),
    validate: rangeErrors,
  }));
  #savedVersion: number | null = null;

  get #view(): AdminPolicyApi {
    const { actor } = this.#machine;
    return connectAdminPolicy(actor.getSnapshot(), actor.send);
  }

  protected override get state() {
    const view = this.#view;
    // Saving and saved are the editing screen still: focus stays where the administrator is.
    const step = view.step === "saving" || view.step === "saved" ? "editing" : view.step;
    return { step, busy: view.busy, problem: view.problem };
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const { step, saved } = this.#view;
    if (step === "saved" && saved && saved.version !== this.#savedVersion) {
      this.#savedVersion = saved.version;
      this.dispatchEvent(new SsprPolicySavedEvent(saved.policy, saved.version));
    }
  }

  protected override renderStep(t: T): TemplateResult {
    const view = this.#view;
    switch (view.step) {
      case "loading":
        return html`${this.heading(t("policy.loading.heading"))}<progress aria-label=${t("common.busy")}></progress>`;
      case "failed":
        return html`${this.heading(t("policy.failed.heading"))}
          ${this.problemText(view.problem, t, "policy-error")}
          <button @click=${() => view.retry()}>${t("common.retry")}</button>`;
      case "network-error":
        return this.networkError(t, () => view.retry());
      default:
        return view.draft ? this.#editor(view, view.draft, t) : this.heading("");
    }
  }

  #editor(view: AdminPolicyApi, draft: Policy, t: T): TemplateResult {
    const questions = draft.methods.questions;
    return html`<div class="title">
        ${this.heading(t("policy.heading"))}
        ${view.dirty ? html`<span part="unsaved">${t("policy.unsaved")}</span>` : nothing}
      </div>
      <p part="hint">${t("policy.intro")}</p>
      <form @submit=${onSubmit(() => view.save())} novalidate>
        <fieldset>
          <legend>${t("policy.section.enabled")}</legend>
          ${this.#choice(view, draft, t, "enabled.scope", ["all", "selected", "none"], (scope) => ({ ...draft.enabled, scope }))}
          ${draft.enabled.scope === "selected" ? this.#list(view, draft, t, "enabled.groups", "policy.enabled.groups.hint") : nothing}
        </fieldset>
        <fieldset>
          <legend>${t("policy.section.methods")}</legend>
          <fieldset class="inline">
            <legend>${t("policy.methodsRequired")}</legend>
            ${([1, 2] as const).map(
              (
                n,
              ) => html`<label class="inline"><input type="radio" name="methodsRequired" .checked=${draft.methodsRequired === n}
                @change=${() => view.set("methodsRequired", n)} /> ${t(`policy.methodsRequired.${n}`)}</label>`,
            )}
          </fieldset>
          <fieldset aria-describedby="methods-error">
            <legend>${t("policy.methods")}</legend>
            ${(["email", "sms", "voice", "app", "questions"] as const).map((m) => this.#toggle(view, draft, t, `methods.${m}`))}
            ${this.#fieldError(view, "methods", t("policy.error.methods"))}
          </fieldset>
        </fieldset>
        ${
          questions
            ? html`<fieldset>
              <legend>${t("policy.section.questions")}</legend>
              ${this.#number(view, draft, t, "securityQuestions.toRegister")}
              ${this.#number(view, draft, t, "securityQuestions.toAsk")}
              ${this.#list(view, draft, t, "securityQuestions.custom", "policy.securityQuestions.custom.hint")}
            </fieldset>`
            : nothing
        }
        <fieldset>
          <legend>${t("policy.section.registration")}</legend>
          ${this.#toggle(view, draft, t, "registration.requireAtSignIn")}
          ${this.#number(view, draft, t, "registration.reconfirmDays", "policy.range.never")}
        </fieldset>
        <fieldset>
          <legend>${t("policy.section.password")}</legend>
          ${this.#number(view, draft, t, "password.minLength")}
          ${this.#number(view, draft, t, "password.historyCount")}
          ${this.#toggle(view, draft, t, "password.requireStrong")}
          ${this.#list(view, draft, t, "password.bannedTerms", "policy.password.bannedTerms.hint")}
          ${this.#number(view, draft, t, "password.expiryDays", "policy.range.expiry")}
          ${draft.password.expiryDays > 0 ? this.#number(view, draft, t, "password.warningDays") : nothing}
        </fieldset>
        <fieldset>
          <legend>${t("policy.section.codes")}</legend>
          ${this.#number(view, draft, t, "codes.length")}
          ${this.#number(view, draft, t, "codes.lifetimeMinutes")}
        </fieldset>
        <fieldset>
          <legend>${t("policy.section.notifications")}</legend>
          ${this.#toggle(view, draft, t, "notifications.notifyUserOnReset")}
          ${this.#toggle(view, draft, t, "notifications.notifyAdminsOnAdminReset")}
        </fieldset>
        <fieldset>
          <legend>${t("policy.section.adminReset")}</legend>
          <p part="hint">${t("policy.adminReset.hint")}</p>
          ${this.#toggle(view, draft, t, "adminReset.temporaryPassword")}
          ${this.#toggle(view, draft, t, "adminReset.chosenPassword")}
          ${this.#toggle(view, draft, t, "accountUnlock")}
        </fieldset>
        <fieldset>
          <legend>${t("policy.section.helpdesk")}</legend>
          ${this.#choice(view, draft, t, "helpdesk.kind", ["none", "url", "email"], (kind) =>
            kind === "url" ? { kind, url: "" } : kind === "email" ? { kind, email: "" } : { kind },
          )}
          ${draft.helpdesk.kind === "none" ? nothing : this.#helpdeskAddress(view, draft.helpdesk, t)}
        </fieldset>
        <section part="summary" aria-labelledby="summary-heading">
          <h3 id="summary-heading">${t("policy.summary.heading")}</h3>
          <ul>${policySummary(draft, t, this.language).map((line) => html`<li>${line}</li>`)}</ul>
        </section>
        ${
          view.problem?.code === "conflict"
            ? html`<p part="error" id="policy-error" role="alert">${t("policy.conflict")}</p>
              <button type="button" @click=${() => view.reload()}>${t("policy.reload")}</button>`
            : this.problemText(view.problem, t, "policy-error")
        }
        <p part="status" role="status">${view.step === "saved" ? t("policy.saved") : ""}</p>
        <div class="actions">
          <button ?disabled=${!view.canSave}>${t("policy.save")}</button>
          <button type="button" data-variant="quiet" ?disabled=${!view.dirty || view.busy}
            @click=${() => view.discard()}>${t("policy.discard")}</button>
        </div>
      </form>`;
  }

  /** A whole-number setting with its allowed range as hint, and its error. */
  #number(
    view: AdminPolicyApi,
    draft: Policy,
    t: T,
    path: PolicyNumberPath,
    range: PolicyKey = "policy.range",
  ): TemplateResult {
    const [min, max] = policyLimits[path];
    const value = valueAt(draft, path);
    const id = idOf(path);
    const wording =
      path === "password.expiryDays"
        ? t("policy.error.expiry")
        : path === "securityQuestions.toAsk" &&
            typeof value === "number" &&
            value >= min &&
            value <= max
          ? t("policy.error.toAsk")
          : t("policy.error.number", { min, max });
    const invalid = this.#hasError(view, path);
    return html`<label>${t(`policy.${path}`)}
        <input name=${path} type="number" inputmode="numeric" min=${min} max=${max} step="1" required
          .value=${Number.isFinite(value) ? String(value) : ""} aria-invalid=${invalid ? "true" : "false"}
          aria-describedby="${id}-hint ${id}-error"
          @input=${(e: Event) => view.set(path, inputOf(e).valueAsNumber)} />
      </label>
      <p part="hint" id="${id}-hint">${t(range, { min, max })}</p>
      ${this.#fieldError(view, path, wording)}`;
  }

  /** An on / off setting. */
  #toggle(view: AdminPolicyApi, draft: Policy, t: T, path: TogglePath): TemplateResult {
    return html`<label class="inline">
      <input type="checkbox" name=${path} .checked=${valueAt(draft, path) === true}
        @change=${(e: Event) => view.set(path, inputOf(e).checked)} />
      ${t(`policy.${path}`)}
    </label>`;
  }

  /** A list setting, one item per line; taken when the field is left. */
  #list(
    view: AdminPolicyApi,
    draft: Policy,
    t: T,
    path: ListPath,
    hint: PolicyKey,
  ): TemplateResult {
    const items = valueAt(draft, path);
    const id = idOf(path);
    const invalid = this.#hasError(view, path);
    return html`<label>${t(`policy.${path}`)}
        <textarea name=${path} rows="3" aria-invalid=${invalid ? "true" : "false"} aria-describedby="${id}-hint ${id}-error"
          .value=${Array.isArray(items) ? items.join("\n") : ""}
          @change=${(e: Event) =>
            view.set(
              path,
              (e.target as HTMLTextAreaElement).value
                .split("\n")
                .map((line) => line.trim())
                .filter(Boolean),
            )}></textarea>
      </label>
      <p part="hint" id="${id}-hint">${t(hint)}</p>
      ${this.#fieldError(view, path, t("policy.error.list"))}`;
  }

  /** A choice among a setting's options; `next` gives the part of the policy it sets. */
  #choice<O extends string>(
    view: AdminPolicyApi,
    draft: Policy,
    t: T,
    path: "enabled.scope" | "helpdesk.kind",
    options: readonly O[],
    next: (option: O) => unknown,
  ): TemplateResult {
    const current = valueAt(draft, path);
    const parent = path.split(".")[0] ?? "";
    return html`<label>${t(`policy.${path}`)}
      <select name=${path} @change=${(e: Event) => {
        const chosen = options.find((o) => o === (e.target as HTMLSelectElement).value);
        if (chosen) view.set(parent, next(chosen));
      }}>
        ${options.map((o) => html`<option value=${o} ?selected=${o === current}>${t(`policy.${path}.${o}` as PolicyKey)}</option>`)}
      </select>
    </label>`;
  }

  #helpdeskAddress(
    view: AdminPolicyApi,
    helpdesk: Exclude<Policy["helpdesk"], { kind: "none" }>,
    t: T,
  ): TemplateResult {
    const path = `helpdesk.${helpdesk.kind}` as const;
    const invalid = this.#hasError(view, path);
    return html`<label>${t(`policy.${path}`)}
        <input name=${path} type=${helpdesk.kind === "url" ? "url" : "email"} required aria-invalid=${invalid ? "true" : "false"}
          aria-describedby="${idOf(path)}-error"
          .value=${helpdesk.kind === "url" ? helpdesk.url : helpdesk.email}
          @input=${(e: Event) => view.set(path, inputOf(e).value.trim())} />
      </label>
      ${this.#fieldError(view, path, t(`policy.error.${helpdesk.kind}`))}`;
  }

  /** True when the schema or the engine finds fault with a setting or an item of it. */
  #hasError(view: AdminPolicyApi, path: string): boolean {
    return view.errors.some((e) => e.path === path || e.path.startsWith(`${path}.`));
  }

  #fieldError(view: AdminPolicyApi, path: string, text: string): TemplateResult | typeof nothing {
    if (!this.#hasError(view, path)) return nothing;
    return html`<p part="error" id="${idOf(path)}-error">${text}</p>`;
  }
}
