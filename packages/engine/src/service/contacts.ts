import { type Locale, SsprProblem } from "@sspr/core";
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

// The country a national number ("06 12345678") is read in when none is configured: the one
// the language implies, where there is one (English is spoken in too many).
const localeCountry: Record<Locale, CountryCode | undefined> = { en: undefined, nl: "NL" };

/**
 * A phone number in E.164 (+31612345678), parsed and validated by libphonenumber-js; a number
 * without a +country code is read in `defaultCountry`, else in the country of the language the
 * user speaks (Dutch: the Netherlands).
 */
export function normalisePhone(
  value: string,
  defaultCountry: string | undefined,
  locale: Locale = "en",
): string {
  const country = (defaultCountry as CountryCode | undefined) ?? localeCountry[locale];
  const phone = parsePhoneNumberFromString(value.trim(), country);
  if (!phone?.isValid()) {
    throw new SsprProblem("invalid-request", {
      errors: [{ path: "value", message: "Not a valid phone number" }],
    });
  }
  return phone.number;
}
