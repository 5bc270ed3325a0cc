import { ContextConsumer } from "@lit/context";
import {
  createHttpApi,
  type Locale,
  type Problem,
  type ProblemCode,
  type SsprApi,
} from "@sspr/core";
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
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
  /** Any `SsprApi`; takes precedence over `endpoint`. */
  api: SsprApi | undefined;

  // Created before a subclass's machine controller, so a provider's settings are known when
  // the machine starts.
  readonly #shared = new ContextConsumer(this, { context: ssprContext, subscribe: true });
  #lastStep: string | null = null;
  #lastProblem: Problem | null = null;
  // Focus follows the steps only once the user works in the element: a page with several
  // elements must not have them steal focus from each other while they load.
  #engaged = false;
  // Dutch, once loaded (English is always at hand).
  #dutch: Catalogue<K | CommonKey> | undefined;
  #loadingDutch = false;

  /** The element's texts, its own and the common ones, in every language. */
  protected abstract readonly messages: Messages<K | CommonKey>;
  /** The machine's view now. */
  protected abstract get state(): StepState;
  /** The current step's content. */
  protected abstract renderStep(t: Translate<K | CommonKey>): TemplateResult;

  /** Called on entering a step: forget per-step input, return the events it fires. */
  protected enterStep(_step: string): Event[] {
    return [];
  }

  constructor() {
    super();
    this.addEventListener("focusin", () => {
      this.#engaged = true;
    });
  }

  /** This element's `api`, else its own `endpoint`, else a surrounding provider's API. */
  protected resolveApi(): SsprApi {
    if (this.api) return this.api;
    const shared = this.#shared.value;
    return !this.endpoint && shared ? shared.api : createHttpApi({ endpoint: this.endpoint });
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
    // The styles switch on this attribute (see base.styles.ts).
    const theme = themeOf(this.theme) ?? this.#shared.value?.theme ?? null;
    if (theme) this.setAttribute("data-theme", theme);
    else this.removeAttribute("data-theme");
  }

  protected override render(): TemplateResult {
    const { busy } = this.state;
    const catalogue = this.#catalogue();
    if (!catalogue) return html`<div part="step" aria-busy="true"></div>`;
    return html`
      <div part="step" aria-busy=${busy ? "true" : "false"}>
        ${this.renderStep(translator(catalogue))}
        <p class="visually-hidden" role="status" aria-live="polite" id="announcer"></p>
      </div>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Nothing is shown until the texts are there; the step starts for the user then.
    if (!this.#catalogue()) return;
    const { step, problem } = this.state;
    const events: Event[] = [];
    if (problem !== this.#lastProblem || (step === "network-error" && step !== this.#lastStep)) {
      this.#lastProblem = problem;
      if (problem || step === "network-error") events.push(new SsprErrorEvent(problem));
    }
    if (step !== this.#lastStep) {
      this.#lastStep = step;
      const heading = this.renderRoot.querySelector<HTMLElement>("h2");
      if (this.#engaged) heading?.focus();
      const announcer = this.renderRoot.querySelector("#announcer");
      if (announcer) announcer.textContent = heading?.textContent ?? "";
      events.push(new SsprStepChangeEvent(step), ...this.enterStep(step));
    }
    for (const event of events) this.dispatchEvent(event);
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
    wording: Partial<Record<ProblemCode, K>> = {},
  ): TemplateResult | typeof nothing {
    if (!problem) return nothing;
    const specific = `problem.${problem.code}`;
    const key =
      wording[problem.code] ??
      ((Object.hasOwn(this.messages.en, specific) ? specific : "problem.other") as K | CommonKey);
    return html`<p part="error" id=${id} role="alert">${t(key, { attemptsLeft: problem.attemptsLeft ?? 0 })}</p>`;
  }

  /** The step shown when the server cannot be reached. */
  protected networkError(t: Translate<K | CommonKey>, retry: () => void): TemplateResult {
    return html`${this.heading(t("common.network.heading"))}<p>${t("common.network.text")}</p>
      <button @click=${retry}>${t("common.retry")}</button>`;
  }
}
