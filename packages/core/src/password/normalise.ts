/** The longest password accepted, in code points (NIST: allow at least 64). */
export const MAX_PASSWORD_CODE_POINTS = 256;

/** A password as it is counted, compared and hashed: NFKC, nothing trimmed, nothing cut. */
export const normalisePassword = (password: string): string => password.normalize("NFKC");

/** Length in code points, so an emoji counts once. */
export const countCodePoints = (text: string): number => [...text].length;

// Entra's substitutions (0 o, 1 l, $ s, @ a) and the other common look-alikes.
const substitutions: Record<string, string> = {
  "0": "o",
  "1": "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "9": "g",
  $: "s",
  "@": "a",
  "!": "i",
  "|": "l",
  "+": "t",
};

/**
 * A string folded for banned-term matching, as Entra normalises a password: NFKC, lower case,
 * look-alike digits and symbols mapped to the letters they stand for (`P@55w0rd` → `password`),
 * white space and invisible characters dropped (so `pass word` is `password`); every other
 * character stays, and scores a point when it is not part of a banned term.
 */
export function foldForMatching(text: string): string {
  let folded = "";
  for (const char of text.normalize("NFKC").toLowerCase()) {
    if (/[\p{White_Space}\p{Cc}\p{Cf}]/u.test(char)) continue;
    folded += substitutions[char] ?? char;
  }
  return folded;
}
