import "./components/admin-policy/sspr-admin-policy.js";
import "./components/provider/sspr-provider.js";
import "./components/register/sspr-register.js";
import "./components/reset/sspr-reset.js";

export { SsprAdminPolicyElement } from "./components/admin-policy/sspr-admin-policy.component.js";
export { SsprProviderElement } from "./components/provider/sspr-provider.component.js";
export { SsprRegisterElement } from "./components/register/sspr-register.component.js";
export { SsprResetElement } from "./components/reset/sspr-reset.component.js";
export { type SsprSettings, ssprContext, type Theme } from "./context/sspr-context.js";
export {
  SsprErrorEvent,
  SsprPolicySavedEvent,
  SsprRegistrationCompleteEvent,
  SsprResetCompleteEvent,
  SsprStepChangeEvent,
} from "./events/sspr-events.js";
