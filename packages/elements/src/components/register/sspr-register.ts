import { SsprRegisterElement } from "./sspr-register.component.js";

customElements.define("sspr-register", SsprRegisterElement);

declare global {
  interface HTMLElementTagNameMap {
    "sspr-register": SsprRegisterElement;
  }
}
