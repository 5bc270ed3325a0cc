import { decodeBotProof } from "@sspr/core";
import { type Challenge, createChallenge, type Solution, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import type { BotCheck, BotVerdict } from "../adapters/bot-check.js";
import type { Clock } from "../adapters/clock.js";
import { systemClock } from "../memory/clocks.js";

/** Options of the proof-of-work bot check. */
export interface AltchaBotCheckOptions {
  /**
   * The secret that signs challenges: at least 32 random bytes (`generateSecretKey()`), used
   * for nothing else. Anyone who holds it can mint challenges that need no work.
   */
  hmacKey: string;
  /**
   * Where expiry comes from (default: the system clock). The engine passes its own clock so
   * that a challenge expires on the same time line as the flows it starts.
   */
  clock?: Clock;
  /**
   * PBKDF2-SHA-256 iterations per try (default 5,000). A challenge asks for a derived key
   * starting with one zero byte, so a solve takes 256 tries on average (about 770 at the 95th
   * percentile), each costing `cost` iterations: 1.3 million on average by default. Measured
   * with WebCrypto on this project's 2-core CI machine: 1.8 ms a try, about 0.45 s a solve on
   * average and 1.4 s at worst in 20 runs. A browser's WebCrypto PBKDF2 is native code too, so
   * a laptop solves in well under a second and a slow phone in a couple of seconds; a script
   * pays the same price for every reset it starts. Verifying costs one try (about 2 ms).
   */
  cost?: number;
  /** How long a challenge may be solved and submitted, in seconds (default 600: 10 minutes). */
  ttlSeconds?: number;
}

/** PBKDF2 through WebCrypto: the same on Node, Deno, Bun, workers and browsers. */
const ALGORITHM = "PBKDF2/SHA-256";
/** One zero byte: 256 tries on average; the cost is tuned through the iterations instead. */
const KEY_PREFIX = "00";
/** The default iterations per try (see `AltchaBotCheckOptions.cost`). */
const DEFAULT_COST = 5_000;
/** The default lifetime of a challenge, in seconds. */
const DEFAULT_TTL_SECONDS = 600;
/**
 * A proof is about 700 characters; anything longer than the `startReset` schema allows is not
 * one, and is rejected before it is decoded.
 */
const MAX_PROOF_LENGTH = 8_192;

const REJECTED: BotVerdict = { verified: false };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isPositiveInteger = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/**
 * The built-in bot check: an ALTCHA v2 proof-of-work challenge (PBKDF2/SHA-256 through
 * WebCrypto, so it runs on any runtime; no third party), signed with HMAC-SHA-256 and expiring.
 *
 * Expiry: ALTCHA's own `expiresAt` parameter is checked against the wall clock (`Date.now()`),
 * so it is not used. The expiry instant, taken from the injected clock, is signed into the
 * challenge's `data.expiresAt` instead and checked against that clock: a proof verifies while
 * `clock.now() < expiresAt` and never from `expiresAt` on, which is also when the engine's
 * claim on it lapses.
 *
 * Replays: a proof verifies every time until it expires, always with the same `proofId` (the
 * challenge's signature, so every solution of one challenge shares it). Single use is the
 * engine's job: it claims `proofId` once with `Store.claimOnce` until `expiresAt`.
 *
 * `verify` never throws: malformed base64 or JSON, wrong shapes, a tampered or foreign
 * signature, a wrong solution and an expired challenge all answer `{ verified: false }`.
 *
 * @throws RangeError at creation for an empty key or a cost or ttl that is not a positive integer.
 */
export function createAltchaBotCheck(options: AltchaBotCheckOptions): BotCheck {
  const { hmacKey } = options;
  const clock = options.clock ?? systemClock;
  const cost = options.cost ?? DEFAULT_COST;
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (typeof hmacKey !== "string" || hmacKey.length === 0)
    throw new RangeError("The bot check needs a non-empty hmacKey");
  if (!isPositiveInteger(cost))
    throw new RangeError("The bot check's cost must be a positive integer");
  if (!isPositiveInteger(ttlSeconds))
    throw new RangeError("The bot check's ttlSeconds must be a positive integer");
  const ttlMs = ttlSeconds * 1_000;

  return {
    async createChallenge() {
      const challenge = await createChallenge({
        algorithm: ALGORITHM,
        cost,
        deriveKey,
        keyPrefix: KEY_PREFIX,
        data: { expiresAt: clock.now() + ttlMs },
        hmacSignatureSecret: hmacKey,
      });
      return { challenge: { ...challenge } };
    },

    async verify(proof) {
      try {
        if (typeof proof !== "string" || proof.length > MAX_PROOF_LENGTH) return REJECTED;
        const decoded = decodeBotProof(proof);
        if (!decoded || !isObject(decoded.challenge) || !isObject(decoded.solution))
          return REJECTED;
        const { challenge, solution } = decoded;
        const { parameters, signature } = challenge;
        if (!isObject(parameters) || typeof signature !== "string") return REJECTED;
        const expiresAt = isObject(parameters.data) ? parameters.data.expiresAt : undefined;
        // Cheap checks first; the signature check below makes `expiresAt` trustworthy.
        if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) return REJECTED;
        if (clock.now() >= expiresAt) return REJECTED;
        const result = await verifySolution({
          // Shapes checked above; verifySolution checks the signature over every parameter
          // and the solution's fields before it derives anything.
          challenge: challenge as unknown as Challenge,
          solution: solution as unknown as Solution,
          deriveKey,
          hmacSignatureSecret: hmacKey,
        });
        return result.verified ? { verified: true, proofId: signature, expiresAt } : REJECTED;
      } catch {
        return REJECTED;
      }
    },
  };
}
