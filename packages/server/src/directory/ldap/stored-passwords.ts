import { createHash, timingSafeEqual } from "node:crypto";

const digests: Record<string, string> = {
  SHA: "sha1",
  SHA256: "sha256",
  SHA384: "sha384",
  SHA512: "sha512",
};

/**
 * True when `password` is the one a stored OpenLDAP `userPassword` value hashes: `{SSHA}`,
 * `{SHA}` and their SHA-2 forms (slapd's default and its pw-sha2 module). Other schemes
 * (`{CRYPT}`, `{ARGON2}`) give false: slapd itself still refuses a reused one when it is set.
 */
export function isStoredPassword(stored: string, password: string): boolean {
  const scheme = /^\{(S?)(SHA(?:256|384|512)?)\}([A-Za-z0-9+/=]+)$/i.exec(stored);
  const algorithm = digests[scheme?.[2]?.toUpperCase() ?? ""];
  if (!scheme || !algorithm) return false;
  const raw = Buffer.from(scheme[3] ?? "", "base64");
  const size = createHash(algorithm).digest().length;
  const salt = scheme[1] ? raw.subarray(size) : Buffer.alloc(0);
  const actual = createHash(algorithm).update(password, "utf8").update(salt).digest();
  const expected = raw.subarray(0, size);
  return expected.length === size && timingSafeEqual(actual, expected);
}

/**
 * The hashes in ppolicy's `pwdHistory` values (`time#syntax#length#hash`), newest first. slapd
 * appends each value and stamps it to the second, so values of the same second keep their
 * order reversed.
 */
export function historyHashes(values: string[]): string[] {
  return [...values]
    .reverse()
    .map((value) => /^(\d{14}(?:\.\d+)?Z)#[^#]*#\d+#(.*)$/s.exec(value))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => (b[1] ?? "").localeCompare(a[1] ?? ""))
    .map((match) => match[2] ?? "");
}
