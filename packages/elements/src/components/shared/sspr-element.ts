import { ContextConsumer } from "@lit/context";
import type { Locale, Problem, ProblemCode, SsprApi } from "@sspr/core";
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { EndpointApi } from "../../context/endpoint-api.js";
import { ssprContext, themeOf } from "../../context/sspr-context.js";
import { SsprErrorEvent, SsprStepChangeEvent } from "../../events/sspr-events.js";
import type { commonEn } from "../../i18n/common.en.js";
import {
  type Catalogue,
  localeOf,
  type Messages,
  type Translate,
  translator,
} from "../../i18n/localize.js";

/** The keys every element's catalogue holds. */
export type CommonKey = keyof typeof commonEn;

/** What the base reads of a component's machine view. */
interface StepState {
  step: string;
  busy: boolean;
  problem: Problem | null;
}

/**
 * What every sspr element shares: where its API comes from (`api`, else `endpoint`, else a
 * surrounding `<sspr-provider>`), its language, its texts, the live region, focus on each new
 * step's heading, and the `sspr-step-change` and `sspr-error` events.
 */
export abstract class SsprElement<K extends string> extends LitElement {
  static override properties = {
    endpoint: { type: String },
    locale: { type: String },
    theme: { type: String },
    api: { attribute: false },
  };

  /** The API base URL, when no `api` is given (else a surrounding `<sspr-provider>`'s). */
  endpoint = "";
  /** `en` or `nl`; the provider's, else the page's `lang`, when absent. */
  locale: string | null = null;
  /** `light` or `dark` whatever the system's preference; the provider's, else the system's, when absent. */
  theme: string | null = null;
  /**
   * Any `SsprApi`; takes precedence over `endpoint`. Setting another one (a page that fetched
   * its token first, a framework that sets it after mount) starts the element again with it.
   */
  api: SsprApi | undefined;

  // Created before a subclass's machine controller, so a provider's settings are known when
  // the machine starts.
  readonly #shared = new ContextConsumer(this, { context: ssprContext, subscribe: true });
  readonly #endpointApi = new EndpointApi();
  #lastStep: string | null = null;
  #lastProblem: Problem | null = null;
  // Focus follows the steps only once the user works in the element: a page with several
  // elements must not have them steal focus from each other while they load.
  #engaged = false;
  // Dutch, once loaded (English is always at hand).
  #dutch: Catalogue<K | CommonKey> | undefined;
  #loadingDutch = false;
  // The texts last shown: kept on screen while another language loads, so a switch mid-step
  // neither blanks the step nor loses what was typed.
  #shown: Catalogue<K | CommonKey> | undefined;

  /** The element's texts, its own and the common ones, in every language. */
  protected abstract readonly messages: Messages<K | CommonKey>;
  /** The machine's view now. */
  protected abstract get state(): StepState;
  /** The current step's content. */
  protected abstract renderStep(t: Translate<K | CommonKey>): TemplateResult;

  /**
   * What the step has to say that is not a new step (a new code was sent, it is confirmed):
   * announced in the live region when its `key` changes within a step.
   */
  protected notice(_t: Translate<K | CommonKey>): { key: string; text: string } | null {
    return null;
  }

  /** Called on entering a step: forget per-step input, return the events it fires. */
  protected enterStep(_step: string): Event[] {
    return [];
  }

  // Whether focus was inside the element when an update began (see `updated`).
  #hadFocus = false;
  // The key of the last notice announced (see `notice`).
  #lastNotice: string | null = null;

  constructor() {
    super();
    this.addEventListener("focusin", () => {
      this.#engaged = true;
    });
    // Busy buttons are `aria-disabled`, not `disabled`, so they keep focus (a disabled button
    // drops it to the page); their clicks, and the Enter that submits a form, do nothing.
    this.addEventListener(
      "click",
      (event) => {
        const target = event.composedPath()[0];
        const button = target instanceof Element ? target.closest("button") : null;
        if (button?.getAttribute("aria-disabled") === "true") {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
      },
      { capture: true },
    );
  }

  /**
   * This element's `api`, else its own `endpoint`, else a surrounding provider's API; null when
   * there is none. The same object while those settings stay, so a new one means a change.
   */
  protected resolveApi(): SsprApi | null {
    return this.api ?? this.#endpointApi.for(this.endpoint) ?? this.#shared.value?.api ?? null;
  }

  /** This element's `locale`, else the provider's, else the page's `lang`. */
  protected get language(): Locale {
    return localeOf(this, this.locale ?? this.#shared.value?.locale ?? null);
  }

  /** The texts in this element's language; undefined while they load (they load once). */
  #catalogue(): Catalogue<K | CommonKey> | undefined {
    if (this.language === "en") return this.messages.en;
    if (!this.#dutch && !this.#loadingDutch) {
      this.#loadingDutch = true;
      this.messages
        .nl()
        // Offline before Dutch arrived: English beats nothing.
        .catch(() => this.messages.en)
        .then((catalogue) => {
          this.#dutch = catalogue;
          this.requestUpdate();
        });
    }
    return this.#dutch;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#hadFocus = this.shadowRoot?.activeElement != null;
    // The styles switch on this attribute (see base.styles.ts).
    const theme = themeOf(this.theme) ?? this.#shared.value?.theme ?? null;
    if (theme) this.setAttribute("data-theme", theme);
    else this.removeAttribute("data-theme");
  }

  /** The step and its problem now: the machine's, or "no-api" while there is no API. */
  #current(): StepState {
    return this.resolveApi() ? this.state : { step: "no-api", busy: false, problem: null };
  }

  protected override render(): TemplateResult {
    const catalogue = this.#catalogue() ?? this.#shown;
    if (!catalogue) return html`<div part="step" aria-busy="true"></div>`;
    this.#shown = catalogue;
    const t = translator(catalogue);
    const { busy } = this.#current();
    return html`
      <div part="step" aria-busy=${busy ? "true" : "false"}>
        ${this.resolveApi() ? this.renderStep(t) : this.#noApi(t)}
        <p class="visually-hidden" role="status" aria-live="polite" id="announcer"></p>
      </div>
    `;
  }

  /** What an element without an API shows: what is missing, and a retry. */
  #noApi(t: Translate<K | CommonKey>): TemplateResult {
    return html`${this.heading(t("common.noApi.heading"))}<p>${t("common.noApi.text")}</p>
      <button @click=${() => this.requestUpdate()}>${t("common.retry")}</button>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Nothing is shown until the texts are there; the step starts for the user then.
    if (!this.#shown) return;
    const { step, problem } = this.#current();
    const events: Event[] = [];
    const newProblem = problem !== null && problem !== this.#lastProblem;
    if (problem !== this.#lastProblem || (step === "network-error" && step !== this.#lastStep)) {
      this.#lastProblem = problem;
      if (problem || step === "network-error") events.push(new SsprErrorEvent(problem));
    }
    const heading = this.renderRoot.querySelector<HTMLElement>("h2");
    const notice = this.#shown && this.resolveApi() ? this.notice(translator(this.#shown)) : null;
    const newNotice = notice !== null && notice.key !== this.#lastNotice;
    this.#lastNotice = notice?.key ?? null;
    if (step !== this.#lastStep) {
      this.#lastStep = step;
      if (this.#engaged) heading?.focus();
      this.announce(heading?.textContent ?? "");
      events.push(new SsprStepChangeEvent(step), ...this.enterStep(step));
    } else if (this.#engaged && newProblem) {
      // A refusal on the same step: to the field to fix, else to what went wrong.
      const field = this.renderRoot.querySelector<HTMLInputElement>('[aria-invalid="true"]');
      if (field) {
        field.focus();
        field.select?.();
      } else this.renderRoot.querySelector<HTMLElement>('[part="error"]')?.focus();
    } else if (this.#hadFocus && !this.shadowRoot?.activeElement) {
      // What had focus went away (a removed method, a finished action): never to the page.
      (this.focusAfterChange() ?? heading)?.focus();
    }
    if (step === this.#lastStep && newNotice) this.announce(notice.text);
    for (const event of events) this.dispatchEvent(event);
  }

  /** Where focus goes when what had it went away within a step; the heading unless a step says. */
  protected focusAfterChange(): HTMLElement | null {
    return null;
  }

  /** Says `text` through the live region (a step's heading, "a new code was sent"). */
  protected announce(text: string): void {
    const announcer = this.renderRoot.querySelector("#announcer");
    if (announcer) announcer.textContent = text;
  }

  /** A step's heading, which takes focus when the step is entered. */
  protected heading(text: string): TemplateResult {
    return html`<h2 tabindex="-1">${text}</h2>`;
  }

  /**
   * A problem as the user reads it, with the id its field points at (`aria-describedby`);
   * `wording` gives a step its own text for a code ("not right" means answers, not a code).
   */
  protected problemText(
    problem: Problem | null,
    t: Translate<K | CommonKey>,
    id: string,
    wording: Partial<Record<ProblemCode, K | CommonKey>> = {},
  ): TemplateResult | typeof nothing {
    if (!problem) return nothing;
    // "0 tries left" only when the engine said so: without a count, no count.
    const specific =
      problem.code === "code-invalid" && problem.attemptsLeft === undefined
        ? "problem.code-invalid.uncounted"
        : `problem.${problem.code}`;
    const key =
      wording[problem.code] ??
      ((Object.hasOwn(this.messages.en, specific) ? specific : "problem.other") as K | CommonKey);
    return html`<p part="error" id=${id} role="alert" tabindex="-1">${t(key, { attemptsLeft: problem.attemptsLeft ?? 0 })}</p>`;
  }

  /** The step shown when the server cannot be reached. */
  protected networkError(t: Translate<K | CommonKey>, retry: () => void): TemplateResult {
    return html`${this.heading(t("common.network.heading"))}<p>${t("common.network.text")}</p>
      <button @click=${retry}>${t("common.retry")}</button>`;
  }
}
