/** The longest password accepted, in code points (NIST: allow at least 64). */
export const MAX_PASSWORD_CODE_POINTS = 256;

/** A password as it is counted, compared and hashed: NFKC, nothing trimmed, nothing cut. */
export const normalisePassword = (password: string): string => password.normalize("NFKC");

/** Length in code points, so an emoji counts once. */
export const countCodePoints = (text: string): number => [...text].length;

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
 * A string folded for blocklist matching: NFKC, lower case, look-alike digits and symbols
 * mapped to the letters they stand for (`P@55w0rd` → `password`), everything else that is not
 * a letter or digit dropped.
 */
export function foldForMatching(text: string): string {
  let folded = "";
  for (const char of text.normalize("NFKC").toLowerCase()) {
    const mapped = substitutions[char] ?? char;
    if (/[\p{L}\p{N}]/u.test(mapped)) folded += mapped;
  }
  return folded;
}
