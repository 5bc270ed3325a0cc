import type { Policy } from "./policy.schema.js";

/**
 * What a careful administrator starts from:
 * - enabled for everyone, one method, email, text message and authenticator app allowed;
 *   security questions off (ASVS and NIST advise against them), voice off (costly, phishable);
 * - registration asked at sign-in, re-confirmed every 180 days (Entra's default);
 * - users told of every reset, admins told when another admin resets;
 * - administrators reset others with an invitation or a temporary password, never one they
 *   type; locked-out users may unlock themselves after verifying;
 * - passwords of at least 12 code points, no composition rules and no expiry (NIST SP 800-63B),
 *   the last 5 not reusable;
 * - 8-digit codes that live 10 minutes.
 * Administrators always need two methods whatever `methodsRequired` says.
 */
export const defaultPolicy: Policy = {
  enabled: { scope: "all", groups: [] },
  methodsRequired: 1,
  methods: { email: true, sms: true, voice: false, app: true, questions: false },
  securityQuestions: { toRegister: 3, toAsk: 3, custom: [] },
  registration: { requireAtSignIn: true, reconfirmDays: 180 },
  notifications: { notifyUserOnReset: true, notifyAdminsOnAdminReset: true },
  helpdesk: { kind: "none" },
  adminReset: { temporaryPassword: true, chosenPassword: false },
  accountUnlock: true,
  password: {
    minLength: 12,
    bannedTerms: [],
    historyCount: 5,
    requireStrong: false,
    expiryDays: 0,
    warningDays: 14,
  },
  codes: { length: 8, lifetimeMinutes: 10 },
};
