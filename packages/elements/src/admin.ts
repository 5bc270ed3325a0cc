// The administrators' elements, apart from the main entry so a self-service page never
// downloads them: `import "@sspr/elements/admin"` on the admin pages.
import "./components/admin-policy/sspr-admin-policy.js";
import "./components/admin-report/sspr-admin-report.js";
import "./components/admin-users/sspr-admin-users.js";

export { SsprAdminPolicyElement } from "./components/admin-policy/sspr-admin-policy.component.js";
export { SsprAdminReportElement } from "./components/admin-report/sspr-admin-report.component.js";
export { SsprAdminUsersElement } from "./components/admin-users/sspr-admin-users.component.js";
export { SsprPolicySavedEvent, SsprUsersUpdatedEvent } from "./events/sspr-events.js";
