import type { VersionedPolicy } from "./admin.schema.js";
import type {
  AuditPage,
  AuditQuery,
  UsageReport,
  UsageReportRequest,
} from "./admin-report.schema.js";
import type {
  AdminUser,
  BulkProgress,
  BulkResetRequest,
  ForceChangeRequest,
  ListUsersRequest,
  NeverExpiresRequest,
  PasswordStatus,
  ResetUserRequest,
  UserPage,
  UserResult,
} from "./admin-users.schema.js";
import type {
  AddContactRequest,
  MethodRequest,
  PendingApp,
  PendingContact,
  PendingRequest,
  RegistrationStatus,
  SetQuestionsRequest,
  VerifyPendingRequest,
} from "./registration.schema.js";
import type {
  AnswerQuestionsRequest,
  BotChallenge,
  ChooseMethodRequest,
  CompleteResetRequest,
  FlowRequest,
  RedeemInvitationRequest,
  ResetConfig,
  ResetFlow,
  StartResetRequest,
  VerifyCodeRequest,
} from "./reset.schema.js";

/**
 * Every operation a reset, registration or policy UI needs. The engine implements it in-process;
 * `createHttpApi` implements it over HTTP. Failures reject with an `SsprProblem`.
 * Registration and policy operations act for the signed-in principal the transport carries.
 */
export interface SsprApi {
  /** Public facts for the reset UI: the helpdesk and the password length rule. */
  getResetConfig(): Promise<ResetConfig>;
  /** A fresh proof-of-work challenge; its solution goes into {@link startReset}. */
  getBotChallenge(): Promise<BotChallenge>;
  /** Starts a reset for a user ID. Unknown users get a flow that looks the same. */
  startReset(request: StartResetRequest): Promise<ResetFlow>;
  /** Picks a method (and confirms the contact); for email and phone a code is sent. */
  chooseMethod(request: ChooseMethodRequest): Promise<ResetFlow>;
  /** Sends a new code to the active method; the previous code stops working. */
  resendCode(request: FlowRequest): Promise<ResetFlow>;
  /** Verifies the code of the active method. */
  verifyCode(request: VerifyCodeRequest): Promise<ResetFlow>;
  /** Answers the security questions of the active method. */
  answerQuestions(request: AnswerQuestionsRequest): Promise<ResetFlow>;
  /** Sets the new password once every required method is verified. */
  completeReset(request: CompleteResetRequest): Promise<ResetFlow>;
  /** Once every required method is verified, a locked-out user may unlock and keep the password. */
  unlockAccount(request: FlowRequest): Promise<ResetFlow>;
  /** Starts a reset from an administrator's invitation: straight to the new password. */
  redeemInvitation(request: RedeemInvitationRequest): Promise<ResetFlow>;

  /** What the signed-in user must register and has registered. */
  getRegistration(): Promise<RegistrationStatus>;
  /** Adds an email address or phone number; a code is sent to it. */
  addContactMethod(request: AddContactRequest): Promise<PendingContact>;
  /** Sends a new code to a pending contact. */
  resendContactCode(request: PendingRequest): Promise<PendingContact>;
  /** Saves a pending contact once its code verifies. */
  verifyContactMethod(request: VerifyPendingRequest): Promise<RegistrationStatus>;
  /** Starts adding an authenticator app: the key and its QR code. */
  beginAppRegistration(): Promise<PendingApp>;
  /** Saves the authenticator app once one of its codes verifies. */
  verifyAppRegistration(request: VerifyPendingRequest): Promise<RegistrationStatus>;
  /** Registers (or replaces) the user's security questions. */
  setSecurityQuestions(request: SetQuestionsRequest): Promise<RegistrationStatus>;
  /** Removes a registered method. */
  removeMethod(request: MethodRequest): Promise<RegistrationStatus>;
  /** Confirms that the registered methods are still the user's. */
  reconfirmRegistration(): Promise<RegistrationStatus>;
  /** Where the signed-in user's password stands: expired, expires soon, a change due. */
  getPasswordStatus(): Promise<PasswordStatus>;

  /** The policy (administrators only). */
  getPolicy(): Promise<VersionedPolicy>;
  /** Saves the policy if nobody saved since `version` (administrators only). */
  savePolicy(request: VersionedPolicy): Promise<VersionedPolicy>;

  /** A page of users with their registration and password state (administrators only). */
  listUsers(request: ListUsersRequest): Promise<UserPage>;
  /** Resets another user's password the chosen way (administrators only; never their own). */
  resetUserPassword(request: ResetUserRequest): Promise<UserResult>;
  /** Resets many passwords, reporting each user's result as it happens (administrators only). */
  bulkResetPasswords(request: BulkResetRequest): AsyncIterable<BulkProgress>;
  /** Asks users to change password at next sign-in, each result as it happens (administrators only). */
  forcePasswordChange(request: ForceChangeRequest): AsyncIterable<BulkProgress>;
  /** Exempts one user's password from expiry, or not (administrators only). */
  setPasswordNeverExpires(request: NeverExpiresRequest): Promise<AdminUser>;
  /** Registration and usage figures for a period (administrators only). */
  getUsageReport(request: UsageReportRequest): Promise<UsageReport>;
  /** The audit trail, filtered, newest first (administrators only). */
  listAuditEvents(request: AuditQuery): Promise<AuditPage>;
}
