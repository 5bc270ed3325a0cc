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
