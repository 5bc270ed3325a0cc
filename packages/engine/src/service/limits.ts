/**
 * Throttles, after Entra ID's: a user who fails 5 verifications in an hour cannot use
 * self-service reset for 24 hours (the account itself is never locked).
 */
export interface Limits {
  /** Codes sent to one method of one user per hour. */
  sendsPerMethodPerHour: number;
  /** Failed verifications per user per hour before the reset function is blocked. */
  verifyFailuresPerHour: number;
  /** How long the reset function stays blocked for that user. */
  blockHours: number;
  /** Flows started from one client address per minute. */
  startsPerAddressPerMinute: number;
  /** Wrong codes before a code, and its flow, die. */
  attemptsPerCode: number;
  /** Seconds before a code can be sent again. */
  resendCooldownSeconds: number;
  /** Minutes a reset flow or pending registration lives. */
  flowMinutes: number;
  /** Hours an administrator's reset invitation stays usable. */
  invitationHours: number;
}

/** The limits sspr applies unless configured otherwise. */
export const defaultLimits: Limits = {
  sendsPerMethodPerHour: 5,
  verifyFailuresPerHour: 5,
  blockHours: 24,
  startsPerAddressPerMinute: 10,
  attemptsPerCode: 5,
  resendCooldownSeconds: 30,
  flowMinutes: 15,
  invitationHours: 24,
};
