import type { Answer } from "../../api/common.schema.js";
import type {
  PendingApp,
  PendingContact,
  RegistrationStatus,
} from "../../api/registration.schema.js";
import type { SsprApi } from "../../api/sspr-api.js";
import type { Problem } from "../../problems/problem.js";

/** What the registration machine needs: the API of the signed-in user. */
export interface RegistrationInput {
  api: SsprApi;
  /** Epoch milliseconds; `Date.now` unless a test controls time. */
  now?: () => number;
}

/** One engine call the machine is making or will retry. */
export type RegistrationCall =
  | { op: "getRegistration" }
  | { op: "addContactMethod"; kind: "email" | "phone"; value: string }
  | { op: "resendContactCode"; pendingId: string }
  | { op: "verifyContactMethod"; pendingId: string; code: string }
  | { op: "beginAppRegistration" }
  | { op: "verifyAppRegistration"; pendingId: string; code: string }
  | { op: "setSecurityQuestions"; answers: Answer[] }
  | { op: "removeMethod"; methodId: string }
  | { op: "reconfirmRegistration" };

/** What an engine call answered. */
export type RegistrationResult =
  | { kind: "status"; status: RegistrationStatus }
  | { kind: "contact"; pending: PendingContact }
  | { kind: "app"; pending: PendingApp };

/** The steps a registration UI shows. */
export type RegistrationView =
  | "loading"
  | "overview"
  | "add-contact"
  | "verify-contact"
  | "add-app"
  | "set-questions"
  | "complete"
  | "network-error";

/** The registration machine's context. The app's key lives here only while it is shown. */
export interface RegistrationContext {
  api: SsprApi;
  now: () => number;
  status: RegistrationStatus | null;
  contactKind: "email" | "phone";
  pendingContact: PendingContact | null;
  pendingApp: PendingApp | null;
  call: RegistrationCall | null;
  problem: Problem | null;
  view: RegistrationView;
}

/** Events a registration UI sends. */
export type RegistrationEvent =
  | { type: "CONTACT.ADD"; kind: "email" | "phone" }
  | { type: "CONTACT.SUBMIT"; value: string }
  | { type: "CODE.SUBMIT"; code: string }
  | { type: "CODE.RESEND" }
  | { type: "APP.ADD" }
  | { type: "QUESTIONS.ADD" }
  | { type: "ANSWERS.SUBMIT"; answers: Answer[] }
  | { type: "METHOD.REMOVE"; methodId: string }
  | { type: "RECONFIRM" }
  | { type: "FINISH" }
  | { type: "CANCEL" }
  | { type: "RETRY" };
