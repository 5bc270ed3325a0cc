import type { Answer, Locale } from "../../api/common.schema.js";
import type { BotChallenge, ResetConfig, ResetFlow } from "../../api/reset.schema.js";
import type { SsprApi } from "../../api/sspr-api.js";
import type { DeliveryChannel } from "../../methods/method-kind.js";
import type { Problem } from "../../problems/problem.js";

/** What the reset machine needs: the API, a bot-check solver, and optionally a clock. */
export interface ResetInput {
  api: SsprApi;
  /** Solves the proof-of-work challenge (a browser runs it in a worker). */
  solveBot: (challenge: BotChallenge) => Promise<string>;
  locale?: Locale;
  /** Epoch milliseconds; `Date.now` unless a test controls time. */
  now?: () => number;
}

/** One engine call the machine is making or will retry. */
export type PendingCall =
  | { op: "startReset"; identifier: string }
  | { op: "redeemInvitation"; invitation: string }
  | { op: "chooseMethod"; methodId: string; channel?: DeliveryChannel; contact?: string }
  | { op: "resendCode" }
  | { op: "verifyCode"; code: string }
  | { op: "answerQuestions"; answers: Answer[] }
  | { op: "completeReset"; newPassword: string }
  | { op: "unlockAccount" };

/** The steps a reset UI shows. */
export type ResetView =
  | "identify"
  | "choose-method"
  | "confirm-contact"
  | "enter-code"
  | "answer-questions"
  | "new-password"
  | "done"
  | "unlocked"
  | "expired"
  | "throttled"
  | "network-error";

/** The reset machine's context. It holds no secret beyond what the user typed into a step. */
export interface ResetContext {
  api: SsprApi;
  solveBot: ResetInput["solveBot"];
  locale: Locale;
  now: () => number;
  config: ResetConfig | null;
  identifier: string;
  flow: ResetFlow | null;
  selectedMethodId: string | null;
  pending: PendingCall | null;
  /** The last problem the engine reported, shown on the step it concerns. */
  problem: Problem | null;
  view: ResetView;
}

/** Events a reset UI sends. */
export type ResetEvent =
  | { type: "IDENTIFY"; identifier: string }
  | { type: "INVITATION.REDEEM"; invitation: string }
  | { type: "METHOD.SELECT"; methodId: string }
  | { type: "CONTACT.SUBMIT"; contact: string; channel?: DeliveryChannel }
  | { type: "CODE.SUBMIT"; code: string }
  | { type: "CODE.RESEND" }
  | { type: "ANSWERS.SUBMIT"; answers: Answer[] }
  | { type: "PASSWORD.SUBMIT"; password: string }
  | { type: "UNLOCK" }
  | { type: "BACK" }
  | { type: "RETRY" }
  | { type: "RESTART" };
