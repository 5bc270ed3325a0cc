import type { SsprApi } from "./sspr-api.js";

/** Who may call a route: anyone, a signed-in user, or an administrator. */
export type RouteAccess = "anonymous" | "user" | "admin";

/** One HTTP route of the API: the operation it serves. */
export interface Route {
  method: "GET" | "POST" | "PUT";
  path: string;
  access: RouteAccess;
  /** Whether the operation takes a JSON body. */
  body: boolean;
  /** The answer is a stream of JSON lines (`application/x-ndjson`), read as they come. */
  stream?: true;
  summary: string;
}

/**
 * The HTTP API, one route per `SsprApi` operation. The engine's handler, the HTTP client and
 * the OpenAPI document are all built from this table, so they cannot drift apart. It carries
 * no schemas, so a browser client does not bundle them; the engine validates every body.
 */
export const routes = {
  getResetConfig: {
    method: "GET",
    path: "/reset/config",
    access: "anonymous",
    body: false,
    summary: "Public facts for the reset UI",
  },
  getBotChallenge: {
    method: "POST",
    path: "/reset/challenge",
    access: "anonymous",
    body: false,
    summary: "A fresh proof-of-work challenge",
  },
  startReset: {
    method: "POST",
    path: "/reset/start",
    access: "anonymous",
    body: true,
    summary: "Start a reset for a user ID",
  },
  chooseMethod: {
    method: "POST",
    path: "/reset/choose-method",
    access: "anonymous",
    body: true,
    summary: "Pick a method and confirm its contact",
  },
  resendCode: {
    method: "POST",
    path: "/reset/resend",
    access: "anonymous",
    body: true,
    summary: "Send a new code",
  },
  verifyCode: {
    method: "POST",
    path: "/reset/verify-code",
    access: "anonymous",
    body: true,
    summary: "Verify a code",
  },
  answerQuestions: {
    method: "POST",
    path: "/reset/answer-questions",
    access: "anonymous",
    body: true,
    summary: "Answer security questions",
  },
  completeReset: {
    method: "POST",
    path: "/reset/complete",
    access: "anonymous",
    body: true,
    summary: "Set the new password",
  },
  unlockAccount: {
    method: "POST",
    path: "/reset/unlock",
    access: "anonymous",
    body: true,
    summary: "Unlock the account instead of setting a new password",
  },
  redeemInvitation: {
    method: "POST",
    path: "/reset/invitation",
    access: "anonymous",
    body: true,
    summary: "Start a reset from an administrator's invitation",
  },
  getRegistration: {
    method: "GET",
    path: "/registration",
    access: "user",
    body: false,
    summary: "What the user must register and has registered",
  },
  addContactMethod: {
    method: "POST",
    path: "/registration/contacts",
    access: "user",
    body: true,
    summary: "Add an email address or phone number",
  },
  resendContactCode: {
    method: "POST",
    path: "/registration/contacts/resend",
    access: "user",
    body: true,
    summary: "Send a new code to a pending contact",
  },
  verifyContactMethod: {
    method: "POST",
    path: "/registration/contacts/verify",
    access: "user",
    body: true,
    summary: "Save a pending contact with its code",
  },
  beginAppRegistration: {
    method: "POST",
    path: "/registration/app",
    access: "user",
    body: false,
    summary: "Start adding an authenticator app",
  },
  verifyAppRegistration: {
    method: "POST",
    path: "/registration/app/verify",
    access: "user",
    body: true,
    summary: "Save the app with one of its codes",
  },
  setSecurityQuestions: {
    method: "PUT",
    path: "/registration/questions",
    access: "user",
    body: true,
    summary: "Register security questions",
  },
  removeMethod: {
    method: "POST",
    path: "/registration/remove",
    access: "user",
    body: true,
    summary: "Remove a registered method",
  },
  reconfirmRegistration: {
    method: "POST",
    path: "/registration/reconfirm",
    access: "user",
    body: false,
    summary: "Confirm the registered methods",
  },
  getPasswordStatus: {
    method: "GET",
    path: "/password/status",
    access: "user",
    body: false,
    summary: "Whether the user's password expired, expires soon, or must change",
  },
  getPolicy: {
    method: "GET",
    path: "/admin/policy",
    access: "admin",
    body: false,
    summary: "The policy",
  },
  savePolicy: {
    method: "PUT",
    path: "/admin/policy",
    access: "admin",
    body: true,
    summary: "Save the policy",
  },
  listUsers: {
    method: "POST",
    path: "/admin/users",
    access: "admin",
    body: true,
    summary: "Search users, a page at a time",
  },
  resetUserPassword: {
    method: "POST",
    path: "/admin/users/reset",
    access: "admin",
    body: true,
    summary: "Reset one user's password",
  },
  bulkResetPasswords: {
    method: "POST",
    path: "/admin/users/bulk-reset",
    access: "admin",
    body: true,
    stream: true,
    summary: "Reset many users' passwords, each result streamed",
  },
  forcePasswordChange: {
    method: "POST",
    path: "/admin/users/force-change",
    access: "admin",
    body: true,
    stream: true,
    summary: "Require a password change at next sign-in, each result streamed",
  },
  setPasswordNeverExpires: {
    method: "POST",
    path: "/admin/users/never-expires",
    access: "admin",
    body: true,
    summary: "Exempt a user's password from expiry, or not",
  },
  getUsageReport: {
    method: "POST",
    path: "/admin/reports/usage",
    access: "admin",
    body: true,
    summary: "Registration and usage figures",
  },
  listAuditEvents: {
    method: "POST",
    path: "/admin/audit",
    access: "admin",
    body: true,
    summary: "The audit trail, filtered",
  },
} as const satisfies Record<keyof SsprApi, Route>;

/** The name of an API operation. */
export type Operation = keyof typeof routes;
