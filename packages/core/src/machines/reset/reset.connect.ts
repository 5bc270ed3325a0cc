import type { Answer } from "../../api/common.schema.js";
import type { MaskedMethod } from "../../api/reset.schema.js";
import type { DeliveryChannel } from "../../methods/method-kind.js";
import { commonPasswordsSoFar } from "../../password/common-passwords.js";
import { evaluatePassword, type PasswordEvaluation } from "../../password/password-rules.js";
import type { ResetContext, ResetEvent, ResetView } from "./reset.types.js";

/** What `connectReset` reads: a snapshot of the reset actor. */
export interface ResetSnapshotLike {
  context: ResetContext;
  value: unknown;
}

/** The reset machine as a UI uses it: what to show, and what the user can do. */
export interface ResetApi {
  /** The step to show; while the engine answers, the step the user acted on. */
  step: ResetView;
  /** True while a call to the engine (or the bot check) is running. */
  busy: boolean;
  problem: ResetContext["problem"];
  identifier: string;
  /** Methods still to verify. */
  methods: MaskedMethod[];
  /** The method picked (confirm-contact, enter-code, answer-questions). */
  selectedMethod: MaskedMethod | null;
  required: number;
  verified: number;
  /** Questions to answer on the answer-questions step. */
  questions: { id: string; text: string }[];
  /** When a code can be sent again (epoch ms), or null. */
  resendAvailableAt: number | null;
  /** Where stuck users get help. */
  helpdesk: NonNullable<ResetContext["config"]>["helpdesk"] | null;
  /** On the new-password step: the user is locked out and may unlock instead of a new password. */
  canUnlock: boolean;
  /** The minimum password length the policy asks (for the checklist's wording). */
  minLength: number;
  /** The password rules in force as a live checklist (the engine also checks history and the custom terms). */
  checkPassword(password: string): PasswordEvaluation;
  identify(identifier: string): void;
  /** Starts from an administrator's invitation (the token its link carried). */
  redeemInvitation(invitation: string): void;
  unlock(): void;
  selectMethod(methodId: string): void;
  submitContact(contact: string, channel?: DeliveryChannel): void;
  submitCode(code: string): void;
  resend(): void;
  submitAnswers(answers: Answer[]): void;
  submitPassword(password: string): void;
  back(): void;
  retry(): void;
  restart(): void;
}

/**
 * Turns a reset snapshot into the API a template reads (zag's connect pattern): templates use
 * `api.step` and `api.submitCode(...)`, never state names.
 *
 * @example
 * const api = connectReset(actor.getSnapshot(), actor.send);
 * if (api.step === "enter-code") api.submitCode("12345678");
 */
export function connectReset(
  snapshot: ResetSnapshotLike,
  send: (event: ResetEvent) => void,
): ResetApi {
  const { context } = snapshot;
  const busy = snapshot.value === "starting" || snapshot.value === "calling";
  const flow = context.flow;
  const methods = flow?.methods ?? [];
  const selected =
    methods.find((m) => m.id === (flow?.active?.methodId ?? context.selectedMethodId)) ?? null;
  const resendAt = flow?.active?.resendAvailableAt;
  return {
    step: context.view,
    busy,
    problem: context.problem,
    identifier: context.identifier,
    methods,
    selectedMethod: selected,
    required: flow?.required ?? 1,
    verified: flow?.verified ?? 0,
    questions: flow?.active?.questions ?? [],
    resendAvailableAt: resendAt ? Date.parse(resendAt) : null,
    helpdesk: context.config?.helpdesk ?? null,
    canUnlock: flow?.canUnlock === true && context.view === "new-password",
    minLength: context.config?.password.minLength ?? 8,
    checkPassword: (password) =>
      evaluatePassword(
        password,
        {
          minLength: context.config?.password.minLength ?? 8,
          requireStrong: context.config?.password.requireStrong ?? false,
          bannedTerms: [],
        },
        { personal: [context.identifier], common: commonPasswordsSoFar() },
      ),
    identify: (identifier) => send({ type: "IDENTIFY", identifier }),
    redeemInvitation: (invitation) => send({ type: "INVITATION.REDEEM", invitation }),
    unlock: () => send({ type: "UNLOCK" }),
    selectMethod: (methodId) => send({ type: "METHOD.SELECT", methodId }),
    submitContact: (contact, channel) =>
      send({ type: "CONTACT.SUBMIT", contact, ...(channel ? { channel } : {}) }),
    submitCode: (code) => send({ type: "CODE.SUBMIT", code }),
    resend: () => send({ type: "CODE.RESEND" }),
    submitAnswers: (answers) => send({ type: "ANSWERS.SUBMIT", answers }),
    submitPassword: (password) => send({ type: "PASSWORD.SUBMIT", password }),
    back: () => send({ type: "BACK" }),
    retry: () => send({ type: "RETRY" }),
    restart: () => send({ type: "RESTART" }),
  };
}
