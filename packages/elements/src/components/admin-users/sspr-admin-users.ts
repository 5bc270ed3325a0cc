import { SsprAdminUsersElement } from "./sspr-admin-users.component.js";

customElements.define("sspr-admin-users", SsprAdminUsersElement);

declare global {
  interface HTMLElementTagNameMap {
    "sspr-admin-users": SsprAdminUsersElement;
  }
}
