import { SsprProblem } from "@sspr/core";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import * as z from "zod/mini";

const emailSchema = z.email();

/**
 * An email address as sspr stores and compares it: trimmed and lower-cased, validated, and
 * never with a line break (no header injection).
 */
export function normaliseEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (/[\r\n]/.test(value) || !emailSchema.safeParse(email).success) {
    throw new SsprProblem("invalid-request", {
      errors: [{ path: "value", message: "Not a valid email address" }],
    });
  }
  return email;
}

/** A phone number in E.164 (+31612345678), parsed and validated by libphonenumber-js. */
export function normalisePhone(value: string, defaultCountry: string | undefined): string {
  const phone = parsePhoneNumberFromString(value.trim(), defaultCountry as CountryCode | undefined);
  if (!phone?.isValid()) {
    throw new SsprProblem("invalid-request", {
      errors: [{ path: "value", message: "Not a valid phone number" }],
    });
  }
  return phone.number;
}
