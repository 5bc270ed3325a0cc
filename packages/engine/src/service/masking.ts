/**
 * Hints for registered contacts. Every hint of a kind has the same length, real or decoy,
 * so neither the text nor the size of a response tells whether a user exists.
 */
const DOTS = "\u2022\u2022\u2022";

const firstChar = (text: string): string => {
  const char = [...text][0]?.toLowerCase() ?? "x";
  return /^[a-z0-9]$/.test(char) ? char : "x";
};

/** `anna@contoso.com` -> `a•••@c•••`. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${firstChar(local)}${DOTS}@${firstChar(domain)}${DOTS}`;
}

/** `+31612345678` -> `•••• ••78`. */
export function maskPhone(phone: string): string {
  return `${DOTS}\u2022 \u2022\u2022${phone.slice(-2)}`;
}

/** Hints for methods that have nothing to show. */
export const fixedHints = { app: "Authenticator app", questions: "Security questions" } as const;

const alphabet = "abcdefghijklmnopqrstuvwxyz";

/** A decoy email hint from a byte of a keyed hash. */
export const decoyEmailHint = (a: number, b: number): string =>
  `${alphabet[a % 26]}${DOTS}@${alphabet[b % 26]}${DOTS}`;

/** A decoy phone hint from a byte of a keyed hash. */
export const decoyPhoneHint = (n: number): string => maskPhone(String(n % 100).padStart(2, "0"));
