import type { Policy, Problem, UserResult } from "@sspr/core";

const options = { bubbles: true, composed: true } as const;

/** Fired when an element moves to another step (`event.step`: the step's name). */
export class SsprStepChangeEvent extends Event {
  static readonly type = "sspr-step-change";
  constructor(readonly step: string) {
    super(SsprStepChangeEvent.type, options);
  }
}

/** Fired by `<sspr-reset>` once the password was changed. */
export class SsprResetCompleteEvent extends Event {
  static readonly type = "sspr-reset-complete";
  constructor() {
    super(SsprResetCompleteEvent.type, options);
  }
}

/** Fired by `<sspr-register>` when the user finishes with everything the policy asks registered. */
export class SsprRegistrationCompleteEvent extends Event {
  static readonly type = "sspr-registration-complete";
  constructor() {
    super(SsprRegistrationCompleteEvent.type, options);
  }
}

/** Fired by `<sspr-admin-policy>` when the engine saved the policy (`event.policy`, `event.version`). */
export class SsprPolicySavedEvent extends Event {
  static readonly type = "sspr-policy-saved";
  constructor(
    readonly policy: Policy,
    readonly version: number,
  ) {
    super(SsprPolicySavedEvent.type, options);
  }
}

/**
 * Fired by `<sspr-admin-users>` when an operation on users ended (`event.operation`: reset,
 * force-change or never-expires; `event.results`: each user's result, temporary passwords left out).
 */
export class SsprUsersUpdatedEvent extends Event {
  static readonly type = "sspr-users-updated";
  constructor(
    readonly operation: "reset" | "force-change" | "never-expires",
    readonly results: UserResult[],
  ) {
    super(SsprUsersUpdatedEvent.type, options);
  }
}

/** Fired when the engine reports a problem (`event.problem`), or the server cannot be reached (null). */
export class SsprErrorEvent extends Event {
  static readonly type = "sspr-error";
  constructor(readonly problem: Problem | null) {
    super(SsprErrorEvent.type, options);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "sspr-step-change": SsprStepChangeEvent;
    "sspr-reset-complete": SsprResetCompleteEvent;
    "sspr-registration-complete": SsprRegistrationCompleteEvent;
    "sspr-policy-saved": SsprPolicySavedEvent;
    "sspr-users-updated": SsprUsersUpdatedEvent;
    "sspr-error": SsprErrorEvent;
  }
}
