import { SsprAdminReportElement } from "./sspr-admin-report.component.js";

customElements.define("sspr-admin-report", SsprAdminReportElement);

declare global {
  interface HTMLElementTagNameMap {
    "sspr-admin-report": SsprAdminReportElement;
  }
}
