import type { SsprApi } from "@sspr/core";
import type { RequestContext } from "./service/context.js";
import type { SsprService } from "./service/create-service.js";

/**
 * The engine as an `SsprApi`, in-process: what a headless program or a test drives the core
 * machines with. `context` names the signed-in user (for registration and policy) and the
 * caller's address (for throttles).
 *
 * @example
 * const api = createLocalApi(service, { clientAddress: "203.0.113.7" });
 * const flow = await api.startReset({ identifier: "anna@contoso.com", botProof });
 */
export function createLocalApi(service: SsprService, context: RequestContext = {}): SsprApi {
  const { reset, registration, policy, users, reports } = service;
  return {
    getResetConfig: () => reset.getResetConfig(),
    getBotChallenge: () => reset.getBotChallenge(),
    startReset: (request) => reset.startReset(context, request),
    chooseMethod: (request) => reset.chooseMethod(context, request),
    resendCode: (request) => reset.resendCode(context, request),
    verifyCode: (request) => reset.verifyCode(context, request),
    answerQuestions: (request) => reset.answerQuestions(context, request),
    completeReset: (request) => reset.completeReset(context, request),
    unlockAccount: (request) => reset.unlockAccount(context, request),
    redeemInvitation: (request) => reset.redeemInvitation(context, request),
    getRegistration: () => registration.getRegistration(context),
    addContactMethod: (request) => registration.addContactMethod(context, request),
    resendContactCode: (request) => registration.resendContactCode(context, request),
    verifyContactMethod: (request) => registration.verifyContactMethod(context, request),
    beginAppRegistration: () => registration.beginAppRegistration(context),
    verifyAppRegistration: (request) => registration.verifyAppRegistration(context, request),
    setSecurityQuestions: (request) => registration.setSecurityQuestions(context, request),
    removeMethod: (request) => registration.removeMethod(context, request),
    reconfirmRegistration: () => registration.reconfirmRegistration(context),
    getPasswordStatus: () => service.passwordStatus(context),
    getPolicy: () => policy.getPolicy(context),
    savePolicy: (request) => policy.savePolicy(context, request),
    listUsers: (request) => users.listUsers(context, request),
    resetUserPassword: (request) => users.resetUserPassword(context, request),
    bulkResetPasswords: (request) => users.bulkResetPasswords(context, request),
    forcePasswordChange: (request) => users.forcePasswordChange(context, request),
    setPasswordNeverExpires: (request) => users.setPasswordNeverExpires(context, request),
    getUsageReport: (request) => reports.getUsageReport(context, request),
    listAuditEvents: (request) => reports.listAuditEvents(context, request),
  };
}
