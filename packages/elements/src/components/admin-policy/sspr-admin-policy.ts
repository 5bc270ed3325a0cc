import { SsprAdminPolicyElement } from "./sspr-admin-policy.component.js";

customElements.define("sspr-admin-policy", SsprAdminPolicyElement);

declare global {
  interface HTMLElementTagNameMap {
    "sspr-admin-policy": SsprAdminPolicyElement;
  }
}
