// The self-service elements; the administrators' ones are in "./admin.js".
import "./components/provider/sspr-provider.js";
import "./components/register/sspr-register.js";
import "./components/reset/sspr-reset.js";

export { SsprProviderElement } from "./components/provider/sspr-provider.component.js";
export { SsprRegisterElement } from "./components/register/sspr-register.component.js";
export { SsprResetElement } from "./components/reset/sspr-reset.component.js";
export { type SsprSettings, ssprContext, type Theme } from "./context/sspr-context.js";
export {
  SsprErrorEvent,
  SsprRegistrationCompleteEvent,
  SsprResetCompleteEvent,
  SsprStepChangeEvent,
} from "./events/sspr-events.js";
