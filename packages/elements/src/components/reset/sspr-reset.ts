import { SsprResetElement } from "./sspr-reset.component.js";

customElements.define("sspr-reset", SsprResetElement);

declare global {
  interface HTMLElementTagNameMap {
    "sspr-reset": SsprResetElement;
  }
}
