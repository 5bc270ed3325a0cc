import * as z from "zod/mini";
import { requestString } from "../api/common.schema.js";
import { minimumExpiryDays, type PolicyNumberPath, policyLimits } from "./policy.limits.js";

/** A whole number within a setting's allowed range. */
const count = (path: PolicyNumberPath) => {
  const [min, max] = policyLimits[path];
  return z.int().check(z.gte(min), z.lte(max));
};

/** Who may use self-service password reset: nobody, members of the listed groups, or everyone. */
export const enablementSchema = z.strictObject({
  scope: z.enum(["none", "selected", "all"]),
  groups: z.array(requestString(z.minLength(1), z.maxLength(256))).check(z.maxLength(100)),
});

/** Which methods users may register and use to reset. */
export const allowedMethodsSchema = z.strictObject({
  email: z.boolean(),
  sms: z.boolean(),
  voice: z.boolean(),
  app: z.boolean(),
  questions: z.boolean(),
});

/** Security questions: how many a user registers and how many a reset asks (Entra: 3-5). */
export const securityQuestionsPolicySchema = z
  .strictObject({
    toRegister: count("securityQuestions.toRegister"),
    toAsk: count("securityQuestions.toAsk"),
    custom: z
      .array(requestString(z.trim(), z.minLength(1), z.maxLength(200)))
      .check(z.maxLength(20)),
  })
  .check(
    z.refine((q) => q.toAsk <= q.toRegister, {
      message: "Cannot ask more questions than users register",
      path: ["toAsk"],
    }),
  );

/** Password rules: NIST SP 800-63B length over composition, plus Entra's toggles. */
export const passwordPolicySchema = z
  .strictObject({
    minLength: count("password.minLength"),
    bannedTerms: z
      .array(requestString(z.trim(), z.minLength(3), z.maxLength(64)))
      .check(z.maxLength(1000)),
    historyCount: count("password.historyCount"),
    requireStrong: z.boolean(),
    /** 0 means passwords never expire; otherwise 14-730 days. */
    expiryDays: count("password.expiryDays"),
    warningDays: count("password.warningDays"),
  })
  .check(
    z.refine((p) => p.expiryDays === 0 || p.expiryDays >= minimumExpiryDays, {
      message: "Expiry is 0 (never) or 14 to 730 days",
      path: ["expiryDays"],
    }),
  );

/** Where users who are stuck can get help. */
export const helpdeskSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("url"), url: z.httpUrl() }),
  z.strictObject({ kind: z.literal("email"), email: z.email() }),
]);

/** The whole self-service password reset policy an administrator sets. */
export const policySchema = z
  .strictObject({
    enabled: enablementSchema,
    methodsRequired: z.union([z.literal(1), z.literal(2)]),
    methods: allowedMethodsSchema,
    securityQuestions: securityQuestionsPolicySchema,
    registration: z.strictObject({
      requireAtSignIn: z.boolean(),
      /** 0 means never ask users to re-confirm; at most 730 days. */
      reconfirmDays: count("registration.reconfirmDays"),
    }),
    notifications: z.strictObject({
      notifyUserOnReset: z.boolean(),
      notifyAdminsOnAdminReset: z.boolean(),
    }),
    helpdesk: helpdeskSchema,
    /**
     * What administrators may do when they reset someone else's password. Sending a reset
     * invitation is always allowed and is the default (ASVS 5 6.4.6).
     */
    adminReset: z.strictObject({
      /** A generated password shown once to the administrator, changed at next sign-in. */
      temporaryPassword: z.boolean(),
      /** A password the administrator types: opt-in, since the administrator then knows it. */
      chosenPassword: z.boolean(),
    }),
    /** Users locked out by the directory may unlock after verifying, keeping their password. */
    accountUnlock: z.boolean(),
    password: passwordPolicySchema,
    codes: z.strictObject({
      length: count("codes.length"),
      lifetimeMinutes: count("codes.lifetimeMinutes"),
    }),
  })
  .check(
    z.refine(
      (p) =>
        [
          p.methods.email,
          p.methods.sms || p.methods.voice,
          p.methods.app,
          p.methods.questions,
        ].filter(Boolean).length >= p.methodsRequired,
      { message: "Allow at least as many methods as a reset requires", path: ["methods"] },
    ),
    z.refine(
      (p) =>
        !p.methods.questions ||
        [p.methods.email, p.methods.sms || p.methods.voice, p.methods.app].some(Boolean),
      { message: "Security questions can never be the only method", path: ["methods"] },
    ),
  );

/** The self-service password reset policy. */
export type Policy = z.infer<typeof policySchema>;
/** The password part of the policy. */
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;
/** Allowed methods, by kind. */
export type AllowedMethods = z.infer<typeof allowedMethodsSchema>;
