import type { Answer } from "../../api/common.schema.js";
import type {
  RegistrationContext,
  RegistrationEvent,
  RegistrationView,
} from "./registration.types.js";

/** What `connectRegistration` reads: a snapshot of the registration actor. */
export interface RegistrationSnapshotLike {
  context: RegistrationContext;
  value: unknown;
}

/** The registration machine as a UI uses it. */
export interface RegistrationApi {
  step: RegistrationView;
  busy: boolean;
  problem: RegistrationContext["problem"];
  status: RegistrationContext["status"];
  /** The contact kind being added (add-contact, verify-contact). */
  contactKind: RegistrationContext["contactKind"];
  pendingContact: RegistrationContext["pendingContact"];
  /** The authenticator key, URI and QR code while it is being added. */
  pendingApp: RegistrationContext["pendingApp"];
  /** When a code can be sent again (epoch ms), or null. */
  resendAvailableAt: number | null;
  /** True when nothing is due and the user may finish. */
  canFinish: boolean;
  addContact(kind: "email" | "phone"): void;
  submitContact(value: string): void;
  submitCode(code: string): void;
  resend(): void;
  addApp(): void;
  addQuestions(): void;
  submitAnswers(answers: Answer[]): void;
  remove(methodId: string): void;
  reconfirm(): void;
  finish(): void;
  cancel(): void;
  retry(): void;
}

/**
 * Turns a registration snapshot into the API a template reads.
 *
 * @example
 * const api = connectRegistration(actor.getSnapshot(), actor.send);
 * if (api.step === "overview" && api.status?.due === "register") api.addContact("email");
 */
export function connectRegistration(
  snapshot: RegistrationSnapshotLike,
  send: (event: RegistrationEvent) => void,
): RegistrationApi {
  const { context } = snapshot;
  const resendAt = context.pendingContact?.resendAvailableAt;
  return {
    step: context.view,
    busy: snapshot.value === "calling",
    problem: context.problem,
    status: context.status,
    contactKind: context.contactKind,
    pendingContact: context.pendingContact,
    pendingApp: context.pendingApp,
    resendAvailableAt: resendAt ? Date.parse(resendAt) : null,
    canFinish: context.status?.due === "none",
    addContact: (kind) => send({ type: "CONTACT.ADD", kind }),
    submitContact: (value) => send({ type: "CONTACT.SUBMIT", value }),
    submitCode: (code) => send({ type: "CODE.SUBMIT", code }),
    resend: () => send({ type: "CODE.RESEND" }),
    addApp: () => send({ type: "APP.ADD" }),
    addQuestions: () => send({ type: "QUESTIONS.ADD" }),
    submitAnswers: (answers) => send({ type: "ANSWERS.SUBMIT", answers }),
    remove: (methodId) => send({ type: "METHOD.REMOVE", methodId }),
    reconfirm: () => send({ type: "RECONFIRM" }),
    finish: () => send({ type: "FINISH" }),
    cancel: () => send({ type: "CANCEL" }),
    retry: () => send({ type: "RETRY" }),
  };
}
