import { hash, verify } from "@node-rs/argon2";
import type { PasswordHasher } from "../adapters/password-hasher.js";

/** argon2id cost parameters. */
export interface Argon2Options {
  /** KiB of memory (default 19,456: OWASP's minimum). */
  memoryCost?: number;
  /** Passes (default 2). */
  timeCost?: number;
  /** Lanes (default 1). */
  parallelism?: number;
}

/**
 * argon2id with OWASP's Password Storage minimum (m=19456 KiB, t=2, p=1), native and async:
 * each hash runs on a libuv thread, never on the event loop (`npm run bench` measures it).
 * Hashes exactly the string given; the engine normalises passwords (NFKC) first.
 */
export function createArgon2Hasher(options: Argon2Options = {}): PasswordHasher {
  const params = {
    // Algorithm.Argon2id; a const enum, which isolated modules cannot import.
    algorithm: 2,
    memoryCost: options.memoryCost ?? 19_456,
    timeCost: options.timeCost ?? 2,
    parallelism: options.parallelism ?? 1,
  };
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
