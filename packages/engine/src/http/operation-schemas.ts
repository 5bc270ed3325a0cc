import type { Operation } from "@sspr/core";
import {
  addContactRequestSchema,
  answerQuestionsRequestSchema,
  botChallengeSchema,
  chooseMethodRequestSchema,
  completeResetRequestSchema,
  flowRequestSchema,
  methodRequestSchema,
  pendingAppSchema,
  pendingContactSchema,
  pendingRequestSchema,
  registrationStatusSchema,
  resetConfigSchema,
  resetFlowSchema,
  setQuestionsRequestSchema,
  startResetRequestSchema,
  verifyCodeRequestSchema,
  verifyPendingRequestSchema,
  versionedPolicySchema,
} from "@sspr/core";
import type * as z from "zod/mini";

/** The schemas of each operation's body and answer, for the OpenAPI document. */
export const operationSchemas = {
  getResetConfig: { request: null, response: resetConfigSchema },
  getBotChallenge: { request: null, response: botChallengeSchema },
  startReset: { request: startResetRequestSchema, response: resetFlowSchema },
  chooseMethod: { request: chooseMethodRequestSchema, response: resetFlowSchema },
  resendCode: { request: flowRequestSchema, response: resetFlowSchema },
  verifyCode: { request: verifyCodeRequestSchema, response: resetFlowSchema },
  answerQuestions: { request: answerQuestionsRequestSchema, response: resetFlowSchema },
  completeReset: { request: completeResetRequestSchema, response: resetFlowSchema },
  getRegistration: { request: null, response: registrationStatusSchema },
  addContactMethod: { request: addContactRequestSchema, response: pendingContactSchema },
  resendContactCode: { request: pendingRequestSchema, response: pendingContactSchema },
  verifyContactMethod: { request: verifyPendingRequestSchema, response: registrationStatusSchema },
  beginAppRegistration: { request: null, response: pendingAppSchema },
  verifyAppRegistration: {
    request: verifyPendingRequestSchema,
    response: registrationStatusSchema,
  },
  setSecurityQuestions: { request: setQuestionsRequestSchema, response: registrationStatusSchema },
  removeMethod: { request: methodRequestSchema, response: registrationStatusSchema },
  reconfirmRegistration: { request: null, response: registrationStatusSchema },
  getPolicy: { request: null, response: versionedPolicySchema },
  savePolicy: { request: versionedPolicySchema, response: versionedPolicySchema },
} as const satisfies Record<Operation, { request: z.ZodMiniType | null; response: z.ZodMiniType }>;
