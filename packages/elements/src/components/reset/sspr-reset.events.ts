import type { Problem, ResetView } from "@sspr/core";

/** Fired when the reset moves to another step. */
export class SsprStepChangeEvent extends Event {
  static readonly type = "sspr-step-change";
  constructor(readonly step: ResetView) {
    super(SsprStepChangeEvent.type, { bubbles: true, composed: true });
  }
}

/** Fired once the password was changed. */
export class SsprResetCompleteEvent extends Event {
  static readonly type = "sspr-reset-complete";
  constructor() {
    super(SsprResetCompleteEvent.type, { bubbles: true, composed: true });
  }
}

/** Fired when the engine reports a problem (`event.problem`), or the server cannot be reached (null). */
export class SsprErrorEvent extends Event {
  static readonly type = "sspr-error";
  constructor(readonly problem: Problem | null) {
    super(SsprErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "sspr-step-change": SsprStepChangeEvent;
    "sspr-reset-complete": SsprResetCompleteEvent;
    "sspr-error": SsprErrorEvent;
  }
}
