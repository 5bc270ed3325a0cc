import { decodeBotProof } from "@sspr/core";
import { type Challenge, createChallenge, type Solution, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import type { BotCheck } from "../adapters/bot-check.js";
import type { Clock } from "../adapters/clock.js";
import { systemClock } from "../memory/clocks.js";

/** Options of the proof-of-work bot check. */
export interface AltchaBotCheckOptions {
  /** The secret that signs challenges (at least 32 random bytes). */
  hmacKey: string;
  clock?: Clock;
  /**
   * PBKDF2 iterations a try costs. With a one-byte key prefix a solve takes about 256 tries:
   * the default 5,000 is well under a second in a browser worker and costs a script the same.
   */
  cost?: number;
  /** How long a challenge may be solved and submitted (default 10 minutes). */
  ttlSeconds?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/**
 * The built-in bot check: an ALTCHA v2 proof-of-work challenge (PBKDF2/SHA-256, WebCrypto, no
 * third party), signed and expiring. Its expiry is signed into the challenge and checked
 * against the engine's clock. A proof verifies every time until it expires; the engine claims
 * its `proofId` once, so it starts one reset only.
 */
export function createAltchaBotCheck(options: AltchaBotCheckOptions): BotCheck {
  const clock = options.clock ?? systemClock;
  const ttlMs = (options.ttlSeconds ?? 600) * 1000;
  return {
    async createChallenge() {
      const challenge = await createChallenge({
        algorithm: "PBKDF2/SHA-256",
        cost: options.cost ?? 5_000,
        deriveKey,
        keyPrefix: "00",
        data: { expiresAt: clock.now() + ttlMs },
        hmacSignatureSecret: options.hmacKey,
      });
      return { challenge: { ...challenge } };
    },

    async verify(proof) {
      const decoded = decodeBotProof(proof);
      if (!decoded || !isObject(decoded.challenge) || !isObject(decoded.solution))
        return { verified: false };
      const challenge = decoded.challenge as unknown as Challenge;
      const expiresAt = challenge.parameters?.data?.expiresAt;
      if (
        typeof expiresAt !== "number" ||
        expiresAt <= clock.now() ||
        typeof challenge.signature !== "string"
      ) {
        return { verified: false };
      }
      try {
        const result = await verifySolution({
          challenge,
          solution: decoded.solution as unknown as Solution,
          deriveKey,
          hmacSignatureSecret: options.hmacKey,
        });
        return result.verified
          ? { verified: true, proofId: challenge.signature, expiresAt }
          : { verified: false };
      } catch {
        return { verified: false };
      }
    },
  };
}
