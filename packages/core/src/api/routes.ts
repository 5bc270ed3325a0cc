import type * as z from "zod/mini";
import { versionedPolicySchema } from "./admin.schema.js";
import {
  addContactRequestSchema,
  methodRequestSchema,
  pendingAppSchema,
  pendingContactSchema,
  pendingRequestSchema,
  registrationStatusSchema,
  setQuestionsRequestSchema,
  verifyPendingRequestSchema,
} from "./registration.schema.js";
import {
  answerQuestionsRequestSchema,
  botChallengeSchema,
  chooseMethodRequestSchema,
  completeResetRequestSchema,
  flowRequestSchema,
  resetConfigSchema,
  resetFlowSchema,
  startResetRequestSchema,
  verifyCodeRequestSchema,
} from "./reset.schema.js";
import type { SsprApi } from "./sspr-api.js";

/** Who may call a route: anyone, a signed-in user, or an administrator. */
export type RouteAccess = "anonymous" | "user" | "admin";

/** One HTTP route of the API: the operation it serves and the schemas of its bodies. */
export interface Route {
  method: "GET" | "POST" | "PUT";
  path: string;
  access: RouteAccess;
  summary: string;
  request: z.ZodMiniType | null;
  response: z.ZodMiniType;
}

/**
 * The HTTP API, one route per `SsprApi` operation. The engine's handler, the HTTP client and
 * the OpenAPI document are all built from this table, so they cannot drift apart.
 */
export const routes = {
  getResetConfig: {
    method: "GET",
    path: "/reset/config",
    access: "anonymous",
    summary: "Public facts for the reset UI",
    request: null,
    response: resetConfigSchema,
  },
  getBotChallenge: {
    method: "POST",
    path: "/reset/challenge",
    access: "anonymous",
    summary: "A fresh proof-of-work challenge",
    request: null,
    response: botChallengeSchema,
  },
  startReset: {
    method: "POST",
    path: "/reset/start",
    access: "anonymous",
    summary: "Start a reset for a user ID",
    request: startResetRequestSchema,
    response: resetFlowSchema,
  },
  chooseMethod: {
    method: "POST",
    path: "/reset/choose-method",
    access: "anonymous",
    summary: "Pick a method and confirm its contact",
    request: chooseMethodRequestSchema,
    response: resetFlowSchema,
  },
  resendCode: {
    method: "POST",
    path: "/reset/resend",
    access: "anonymous",
    summary: "Send a new code",
    request: flowRequestSchema,
    response: resetFlowSchema,
  },
  verifyCode: {
    method: "POST",
    path: "/reset/verify-code",
    access: "anonymous",
    summary: "Verify a code",
    request: verifyCodeRequestSchema,
    response: resetFlowSchema,
  },
  answerQuestions: {
    method: "POST",
    path: "/reset/answer-questions",
    access: "anonymous",
    summary: "Answer security questions",
    request: answerQuestionsRequestSchema,
    response: resetFlowSchema,
  },
  completeReset: {
    method: "POST",
    path: "/reset/complete",
    access: "anonymous",
    summary: "Set the new password",
    request: completeResetRequestSchema,
    response: resetFlowSchema,
  },
  getRegistration: {
    method: "GET",
    path: "/registration",
    access: "user",
    summary: "What the user must register and has registered",
    request: null,
    response: registrationStatusSchema,
  },
  addContactMethod: {
    method: "POST",
    path: "/registration/contacts",
    access: "user",
    summary: "Add an email address or phone number",
    request: addContactRequestSchema,
    response: pendingContactSchema,
  },
  resendContactCode: {
    method: "POST",
    path: "/registration/contacts/resend",
    access: "user",
    summary: "Send a new code to a pending contact",
    request: pendingRequestSchema,
    response: pendingContactSchema,
  },
  verifyContactMethod: {
    method: "POST",
    path: "/registration/contacts/verify",
    access: "user",
    summary: "Save a pending contact with its code",
    request: verifyPendingRequestSchema,
    response: registrationStatusSchema,
  },
  beginAppRegistration: {
    method: "POST",
    path: "/registration/app",
    access: "user",
    summary: "Start adding an authenticator app",
    request: null,
    response: pendingAppSchema,
  },
  verifyAppRegistration: {
    method: "POST",
    path: "/registration/app/verify",
    access: "user",
    summary: "Save the app with one of its codes",
    request: verifyPendingRequestSchema,
    response: registrationStatusSchema,
  },
  setSecurityQuestions: {
    method: "PUT",
    path: "/registration/questions",
    access: "user",
    summary: "Register security questions",
    request: setQuestionsRequestSchema,
    response: registrationStatusSchema,
  },
  removeMethod: {
    method: "POST",
    path: "/registration/remove",
    access: "user",
    summary: "Remove a registered method",
    request: methodRequestSchema,
    response: registrationStatusSchema,
  },
  reconfirmRegistration: {
    method: "POST",
    path: "/registration/reconfirm",
    access: "user",
    summary: "Confirm the registered methods",
    request: null,
    response: registrationStatusSchema,
  },
  getPolicy: {
    method: "GET",
    path: "/admin/policy",
    access: "admin",
    summary: "The policy",
    request: null,
    response: versionedPolicySchema,
  },
  savePolicy: {
    method: "PUT",
    path: "/admin/policy",
    access: "admin",
    summary: "Save the policy",
    request: versionedPolicySchema,
    response: versionedPolicySchema,
  },
} as const satisfies Record<keyof SsprApi, Route>;

/** The name of an API operation. */
export type Operation = keyof typeof routes;
