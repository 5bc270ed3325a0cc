import { hash, type Options, verify } from "@node-rs/argon2";
import type { PasswordHasher } from "../adapters/password-hasher.js";

/** argon2id cost parameters; the defaults are OWASP's Password Storage Cheat Sheet minimum. */
export interface Argon2Options {
  /** KiB of memory per hash (default 19,456: 19 MiB). At least 8 per lane. */
  memoryCost?: number;
  /** Passes over the memory (default 2). */
  timeCost?: number;
  /** Lanes (default 1). */
  parallelism?: number;
}

/** `Algorithm.Argon2id`: a const enum, which isolated modules cannot reference by name. */
const ARGON2ID = 2;

const isPositiveInteger = (value: number): boolean =>
  Number.isInteger(value) && value >= 1 && value <= 0xffff_ffff;

/**
 * Passwords (and security answers) hashed with argon2id by `@node-rs/argon2`: native, async,
 * each hash computed on a libuv worker thread, never on the event loop. The defaults are
 * OWASP's Password Storage Cheat Sheet minimum (m=19456 KiB, t=2, p=1; about 5 ms a hash on
 * a 2-core machine). Output is a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`)
 * with a random 16-byte salt, so `verify` reads the parameters a hash was made with and hashes
 * made under older settings keep verifying.
 *
 * Hashes exactly the string it is given, as UTF-8, whatever its length (no truncation, no
 * normalisation: the engine normalises passwords to NFKC before calling it). `verify` answers
 * false, never throws, for a malformed or foreign hash string.
 *
 * @throws RangeError at creation for parameters argon2 cannot use.
 */
export function createArgon2Hasher(options: Argon2Options = {}): PasswordHasher {
  const params = {
    algorithm: ARGON2ID,
    memoryCost: options.memoryCost ?? 19_456,
    timeCost: options.timeCost ?? 2,
    parallelism: options.parallelism ?? 1,
  } satisfies Options;
  if (
    !isPositiveInteger(params.memoryCost) ||
    !isPositiveInteger(params.timeCost) ||
    !isPositiveInteger(params.parallelism) ||
    params.parallelism > 255 ||
    params.memoryCost < 8 * params.parallelism
  ) {
    throw new RangeError(
      "argon2id needs integer costs: timeCost >= 1, 1 <= parallelism <= 255, memoryCost >= 8 * parallelism",
    );
  }
  return {
    hash: (secret) => hash(secret, params),
    async verify(stored, secret) {
      try {
        return await verify(stored, secret);
      } catch {
        return false;
      }
    },
  };
}
