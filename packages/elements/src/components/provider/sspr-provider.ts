import { SsprProviderElement } from "./sspr-provider.component.js";

customElements.define("sspr-provider", SsprProviderElement);

declare global {
  interface HTMLElementTagNameMap {
    "sspr-provider": SsprProviderElement;
  }
}
