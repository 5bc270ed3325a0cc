import * as z from "zod/mini";
import { deliveryChannelSchema, registeredMethodKindSchema } from "../methods/method-kind.js";
import { helpdeskSchema } from "../policy/policy.schema.js";
import {
  answerSchema,
  codeSchema,
  instantSchema,
  localeSchema,
  opaqueIdSchema,
  questionSchema,
  requestString,
} from "./common.schema.js";

/** A proof-of-work challenge for the bot check (an ALTCHA v2 challenge, opaque to the UI). */
export const botChallengeSchema = z.strictObject({
  challenge: z.record(z.string(), z.unknown()),
});
/** A bot-check challenge. */
export type BotChallenge = z.infer<typeof botChallengeSchema>;

/** What an anonymous reset UI may know before it starts: where to get help, the length rule. */
export const resetConfigSchema = z.strictObject({
  helpdesk: helpdeskSchema,
  password: z.strictObject({ minLength: z.int(), requireStrong: z.boolean() }),
});
/** Public facts a reset UI shows before a flow starts. */
export type ResetConfig = z.infer<typeof resetConfigSchema>;

/** Step one: who is resetting, and proof that a person is asking. */
export const startResetRequestSchema = z.strictObject({
  identifier: requestString(z.trim(), z.minLength(1), z.maxLength(256)),
  botProof: requestString(z.minLength(1), z.maxLength(8192)),
  locale: z.optional(localeSchema),
});
/** Starts a reset. */
export type StartResetRequest = z.infer<typeof startResetRequestSchema>;

/**
 * A registered method, masked: enough for its owner to recognise it, nothing an attacker can use.
 * Hints have a fixed length whatever the address, so a response's size tells nothing.
 */
export const maskedMethodSchema = z.strictObject({
  id: z.string(),
  kind: registeredMethodKindSchema,
  hint: z.string(),
  /** The channels a code can take to this method; empty for app and questions. */
  channels: z.array(deliveryChannelSchema),
});
/** A masked registered method. */
export type MaskedMethod = z.infer<typeof maskedMethodSchema>;

/** Where a reset flow stands. */
export const resetStepSchema = z.enum([
  "choose-method",
  "enter-code",
  "answer-questions",
  "new-password",
  "done",
  "unlocked",
]);
/** A reset step. */
export type ResetStep = z.infer<typeof resetStepSchema>;

/** The method a flow is verifying now. */
export const activeMethodSchema = z.strictObject({
  methodId: z.string(),
  channel: z.nullable(deliveryChannelSchema),
  codeExpiresAt: z.nullable(instantSchema),
  resendAvailableAt: z.nullable(instantSchema),
  questions: z.array(questionSchema),
});
/** The method being verified. */
export type ActiveMethod = z.infer<typeof activeMethodSchema>;

/** The state of a reset flow, returned by every reset operation. */
export const resetFlowSchema = z.strictObject({
  flowId: opaqueIdSchema,
  step: resetStepSchema,
  required: z.int(),
  verified: z.int(),
  /** Methods not yet used in this flow. */
  methods: z.array(maskedMethodSchema),
  active: z.nullable(activeMethodSchema),
  /** On the new-password step: the user is locked out and may unlock instead (`unlockAccount`). */
  canUnlock: z.boolean(),
  expiresAt: instantSchema,
});
/** The state of a reset flow. */
export type ResetFlow = z.infer<typeof resetFlowSchema>;

/**
 * Picks a method. For email and phone the user types the full address or number to confirm it;
 * the answer is the same whether it matched or not, and a code goes out only when it did.
 */
export const chooseMethodRequestSchema = z.strictObject({
  flowId: opaqueIdSchema,
  methodId: requestString(z.minLength(1), z.maxLength(64)),
  channel: z.optional(deliveryChannelSchema),
  contact: z.optional(requestString(z.trim(), z.minLength(1), z.maxLength(320))),
});
/** Picks a method. */
export type ChooseMethodRequest = z.infer<typeof chooseMethodRequestSchema>;

/** Names a flow. */
export const flowRequestSchema = z.strictObject({ flowId: opaqueIdSchema });
/** Names a flow. */
export type FlowRequest = z.infer<typeof flowRequestSchema>;

/** A code typed by the user. */
export const verifyCodeRequestSchema = z.strictObject({ flowId: opaqueIdSchema, code: codeSchema });
/** Verifies a code. */
export type VerifyCodeRequest = z.infer<typeof verifyCodeRequestSchema>;

/** Answers to the security questions a flow asked. */
export const answerQuestionsRequestSchema = z.strictObject({
  flowId: opaqueIdSchema,
  answers: z.array(answerSchema).check(z.minLength(1), z.maxLength(5)),
});
/** Answers security questions. */
export type AnswerQuestionsRequest = z.infer<typeof answerQuestionsRequestSchema>;

/** The new password. Long passwords are allowed; the rules report one that is too long. */
export const completeResetRequestSchema = z.strictObject({
  flowId: opaqueIdSchema,
  newPassword: requestString(z.minLength(1), z.maxLength(1024)),
});
/** Completes a reset. */
export type CompleteResetRequest = z.infer<typeof completeResetRequestSchema>;

/** The link an administrator's reset invitation carries: it starts a reset at the new password. */
export const redeemInvitationRequestSchema = z.strictObject({
  invitation: opaqueIdSchema,
  locale: z.optional(localeSchema),
});
/** Redeems a reset invitation. */
export type RedeemInvitationRequest = z.infer<typeof redeemInvitationRequestSchema>;
