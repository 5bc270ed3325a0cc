import "./components/reset/sspr-reset.js";

export { SsprResetElement } from "./components/reset/sspr-reset.component.js";
export {
  SsprResetCompleteEvent,
  SsprStepChangeEvent,
} from "./components/reset/sspr-reset.events.js";
