import type { FieldError } from "../problems/problem.js";

/**
 * The allowed range, [min, max], of every numeric policy setting by its dotted path. The schema
 * enforces them; a policy editor shows them next to each field.
 */
export const policyLimits = {
  "securityQuestions.toRegister": [3, 5],
  "securityQuestions.toAsk": [3, 5],
  /** 0 means never ask users to re-confirm. */
  "registration.reconfirmDays": [0, 730],
  "password.minLength": [8, 256],
  "password.historyCount": [0, 24],
  /** 0 means passwords never expire; otherwise at least `minimumExpiryDays`. */
  "password.expiryDays": [0, 730],
  "password.warningDays": [1, 30],
  "codes.length": [6, 10],
  "codes.lifetimeMinutes": [1, 60],
} as const satisfies Record<string, readonly [number, number]>;

/** A numeric policy setting, by its dotted path. */
export type PolicyNumberPath = keyof typeof policyLimits;

/** The shortest expiry when passwords expire at all (Entra: 14 to 730 days). */
export const minimumExpiryDays = 14;

/**
 * The numeric settings of a draft that are outside their range, for instant feedback while
 * editing without the schema; the engine's schema has the final word when saving.
 */
export function rangeErrors(draft: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [path, [min, max]] of Object.entries(policyLimits)) {
    const value = path
      .split(".")
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], draft);
    const expiry = path === "password.expiryDays" && value !== 0;
    if (
      typeof value !== "number" ||
      !Number.isInteger(value) ||
      value < (expiry ? minimumExpiryDays : min) ||
      value > max
    )
      errors.push({ path, message: `A whole number from ${min} to ${max}` });
  }
  return errors;
}
