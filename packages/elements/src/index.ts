import "./components/provider/sspr-provider.js";
import "./components/reset/sspr-reset.js";

export { SsprProviderElement } from "./components/provider/sspr-provider.component.js";
export { SsprResetElement } from "./components/reset/sspr-reset.component.js";
export {
  SsprResetCompleteEvent,
  SsprStepChangeEvent,
} from "./components/reset/sspr-reset.events.js";
export { type SsprSettings, ssprContext } from "./context/sspr-context.js";
