export * from "./api/admin.schema.js";
export * from "./api/admin-report.schema.js";
export * from "./api/admin-users.schema.js";
export { decodeBotProof, encodeBotProof } from "./api/bot-proof.js";
export * from "./api/common.schema.js";
export { createHttpApi, type HttpApiOptions } from "./api/http-api.js";
export * from "./api/registration.schema.js";
export * from "./api/reset.schema.js";
export { type Operation, type Route, type RouteAccess, routes } from "./api/routes.js";
export { solveBotChallenge } from "./api/solve-bot-challenge.js";
export type { SsprApi } from "./api/sspr-api.js";
export { fromBase64Url, toBase64Url } from "./encoding/base64url.js";
export {
  type AdminPolicyApi,
  type AdminPolicySnapshotLike,
  connectAdminPolicy,
} from "./machines/admin-policy/admin-policy.connect.js";
export { adminPolicyMachine } from "./machines/admin-policy/admin-policy.machine.js";
export type * from "./machines/admin-policy/admin-policy.types.js";
export {
  connectRegistration,
  type RegistrationApi,
  type RegistrationSnapshotLike,
} from "./machines/registration/registration.connect.js";
export { registrationMachine } from "./machines/registration/registration.machine.js";
export type * from "./machines/registration/registration.types.js";
export {
  connectReset,
  type ResetApi,
  type ResetSnapshotLike,
} from "./machines/reset/reset.connect.js";
export { resetMachine } from "./machines/reset/reset.machine.js";
export type * from "./machines/reset/reset.types.js";
export * from "./methods/method-kind.js";
export { loadCommonPasswords } from "./password/common-passwords.js";
export * from "./password/password-rules.js";
export type { TermIndex } from "./password/term-index.js";
export { defaultPolicy } from "./policy/policy.defaults.js";
export * from "./policy/policy.limits.js";
export * from "./policy/policy.schema.js";
export * from "./policy/security-questions.js";
export { validatePolicy } from "./policy/validate-policy.js";
export * from "./problems/problem.js";
export * from "./problems/problem.schema.js";
export { auditCsv } from "./report/audit-csv.js";
