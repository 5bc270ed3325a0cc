import { toBase64Url } from "./encoding.js";

/** A random id of `bytes` bytes (default 16 = 128 bits) from the CSPRNG, base64url. */
export function randomId(bytes = 16): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * A uniformly random string of decimal digits from the CSPRNG. Each digit comes from a byte
 * below 250 (rejection sampling), so no digit is likelier than another.
 */
export function randomDigits(length: number): string {
  let digits = "";
  while (digits.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 250 && digits.length < length) digits += String(byte % 10);
    }
  }
  return digits;
}

/** A uniformly random integer in [0, max) from the CSPRNG (max at most 2^32). */
export function randomBelow(max: number): number {
  const limit = 2 ** 32 - (2 ** 32 % max);
  for (;;) {
    const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
    if (value < limit) return value % max;
  }
}

/** SHA-256 of a string, base64url: store keys for high-entropy ids. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return toBase64Url(new Uint8Array(digest));
}
