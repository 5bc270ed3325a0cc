import * as z from "zod/mini";
import { registeredMethodKindSchema } from "../methods/method-kind.js";
import { allowedMethodsSchema } from "../policy/policy.schema.js";
import {
  answerSchema,
  codeSchema,
  instantSchema,
  opaqueIdSchema,
  questionSchema,
  requestString,
} from "./common.schema.js";

/** A method the signed-in user registered, masked. */
export const registeredMethodSchema = z.strictObject({
  id: z.string(),
  kind: registeredMethodKindSchema,
  hint: z.string(),
  createdAt: instantSchema,
});
/** A registered method. */
export type RegisteredMethod = z.infer<typeof registeredMethodSchema>;

/** What the policy asks of the signed-in user and what they have registered. */
export const registrationStatusSchema = z.strictObject({
  /** Methods a reset needs for this user (always 2 for administrators). */
  required: z.int(),
  allowed: allowedMethodsSchema,
  methods: z.array(registeredMethodSchema),
  /** `register`: fewer methods than required; `reconfirm`: re-confirmation is due. */
  due: z.enum(["none", "register", "reconfirm"]),
  confirmedAt: z.nullable(instantSchema),
  questions: z.strictObject({
    toRegister: z.int(),
    available: z.array(questionSchema),
  }),
});
/** Registration status. */
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

/** Adds an email address or a phone number; a code goes to it before it is saved. */
export const addContactRequestSchema = z.strictObject({
  kind: z.enum(["email", "phone"]),
  value: requestString(z.trim(), z.minLength(3), z.maxLength(320)),
});
/** Adds a contact method. */
export type AddContactRequest = z.infer<typeof addContactRequestSchema>;

/** A contact waiting for its code. */
export const pendingContactSchema = z.strictObject({
  pendingId: opaqueIdSchema,
  kind: z.enum(["email", "phone"]),
  hint: z.string(),
  codeExpiresAt: instantSchema,
  resendAvailableAt: instantSchema,
});
/** A contact waiting for its code. */
export type PendingContact = z.infer<typeof pendingContactSchema>;

/** Names a pending registration. */
export const pendingRequestSchema = z.strictObject({ pendingId: opaqueIdSchema });
/** Names a pending registration. */
export type PendingRequest = z.infer<typeof pendingRequestSchema>;

/** The code that proves a pending contact or app. */
export const verifyPendingRequestSchema = z.strictObject({
  pendingId: opaqueIdSchema,
  code: codeSchema,
});
/** Verifies a pending contact or app. */
export type VerifyPendingRequest = z.infer<typeof verifyPendingRequestSchema>;

/** An authenticator app being registered: the key, its otpauth URI and a QR code of it. */
export const pendingAppSchema = z.strictObject({
  pendingId: opaqueIdSchema,
  /** The base32 key for manual entry. */
  secret: z.string(),
  uri: z.string(),
  qrSvg: z.string(),
});
/** An authenticator app being registered. */
export type PendingApp = z.infer<typeof pendingAppSchema>;

/** The security questions the user chose and their answers. */
export const setQuestionsRequestSchema = z.strictObject({
  answers: z.array(answerSchema).check(z.minLength(3), z.maxLength(5)),
});
/** Sets security questions. */
export type SetQuestionsRequest = z.infer<typeof setQuestionsRequestSchema>;

/** Names a registered method. */
export const methodRequestSchema = z.strictObject({
  methodId: requestString(z.minLength(1), z.maxLength(64)),
});
/** Names a registered method. */
export type MethodRequest = z.infer<typeof methodRequestSchema>;
