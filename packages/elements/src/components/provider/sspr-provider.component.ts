import { ContextProvider } from "@lit/context";
import { createHttpApi, type SsprApi } from "@sspr/core";
import { html, LitElement, type PropertyValues, type TemplateResult } from "lit";
import { ssprContext, themeOf } from "../../context/sspr-context.js";

/**
 * Shares one API client, one language and one theme with every sspr element inside it, so a
 * page sets them once.
 *
 * @summary Shares the API, the language and the theme with the sspr elements it contains.
 * @slot - The sspr elements (and anything else).
 */
export class SsprProviderElement extends LitElement {
  static override properties = {
    endpoint: { type: String },
    locale: { type: String },
    theme: { type: String },
    api: { attribute: false, noAccessor: true },
  };

  /** The API base URL, when no `api` is given. */
  endpoint = "";
  /** `en` or `nl` for every element inside; each element's own `locale` still wins. */
  locale: string | null = null;
  /** `light` or `dark` for every element inside, whatever the system's preference; each element's own `theme` still wins. */
  theme: string | null = null;
  #api: SsprApi | undefined;
  #provider = new ContextProvider(this, { context: ssprContext });

  /** Any `SsprApi`; takes precedence over `endpoint`. */
  get api(): SsprApi | undefined {
    return this.#api;
  }
  // Shared at once, not at the next update: a page that signs in sets a new API and adds the
  // element that needs it in one render, and the element takes its API when it connects.
  set api(api: SsprApi | undefined) {
    const old = this.#api;
    this.#api = api;
    this.#share();
    this.requestUpdate("api", old);
  }

  // Set before the children connect (they connect after their parent), and again on change.
  override connectedCallback(): void {
    this.#share();
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#share();
  }

  #share(): void {
    const locale = this.locale === "nl" || this.locale === "en" ? this.locale : null;
    this.#provider.setValue({
      api: this.api ?? createHttpApi({ endpoint: this.endpoint }),
      locale,
      theme: themeOf(this.theme),
    });
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
