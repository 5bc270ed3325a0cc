import { SsprProblem } from "@sspr/core";
import { audit } from "./audit.js";
import type { EngineContext } from "./context.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Whole seconds from now until `at`, at least 1 (a window that ends now still refused this). */
const secondsUntil = (ctx: EngineContext, at: number): number =>
  Math.max(1, Math.ceil((at - ctx.clock.now()) / 1000));

/**
 * Audits a refusal (for the usage report) and throws `throttled` with the time left: until the
 * latest of the windows of the counters that refuse (`keys`), as `retryAfterSeconds` (and so
 * the HTTP `Retry-After` header).
 */
async function refuse(
  ctx: EngineContext,
  subject: string | null,
  limit: "blocked" | "sends" | "starts",
  keys: string[],
): Promise<never> {
  const ends = await Promise.all(
    keys.map((key) => ctx.counters.counterResetAt(key, ctx.clock.now())),
  );
  const end = Math.max(ctx.clock.now(), ...ends.map((at) => at ?? 0));
  await audit(ctx, {
    type: "throttle.refused",
    actor: null,
    // A decoy's subject names nobody: the audit keeps user ids only.
    subject: subject?.startsWith("decoy:") ? null : subject,
    outcome: "failure",
    detail: { limit },
  });
  throw new SsprProblem("throttled", { retryAfterSeconds: secondsUntil(ctx, end) });
}

const blockedKey = (subject: string) => `blocked:${subject}`;
const budgetKey = (subject: string) => `verify-fail:${subject}`;
const codeTryKey = (triesKey: string) => `code-try:${triesKey}`;

/** Rejects callers whose reset function is blocked after too many failed verifications. */
export async function assertNotBlocked(ctx: EngineContext, subject: string): Promise<void> {
  if ((await ctx.counters.readCounter(blockedKey(subject), ctx.clock.now())) > 0)
    await refuse(ctx, subject, "blocked", [blockedKey(subject)]);
}

/** What a reserved verification try allows, and how to settle it once the answer is known. */
export interface VerifyTry {
  /** Tries this code has left after this one. */
  codeTriesLeft: number;
  /** Failures the user's hourly budget allows after this one; spending them all blocks. */
  budgetLeft: number;
  /**
   * Settles a right answer, or a code already used: the tries are given back (neither is a
   * failure, and a used code was no guess).
   */
  succeeded(): Promise<void>;
  /**
   * Settles a wrong answer: the try stays spent; the one that spends the user's budget blocks
   * the reset for `blockHours` and throws `throttled` with that time.
   */
  failed(): Promise<void>;
}

/**
 * Reserves one try of a code (`triesKey` names it; for as long as a flow lives) before it is
 * compared: an atomic counter step, so parallel guesses on any number of instances are compared
 * at most up to the limit; past it the answer is `attempts-exceeded`, whatever was typed.
 * Returns the tries the code has left after this one.
 */
export async function reserveCodeTry(ctx: EngineContext, triesKey: string): Promise<number> {
  const tries = await ctx.counters.incrementCounter(
    codeTryKey(triesKey),
    ctx.limits.flowMinutes * MINUTE,
    ctx.clock.now(),
  );
  if (tries > ctx.limits.attemptsPerCode) throw new SsprProblem("attempts-exceeded");
  return ctx.limits.attemptsPerCode - tries;
}

/**
 * Reserves one try of the code and one of the subject's hourly budget of failed verifications,
 * before anything is compared; past the budget the answer is `throttled`, whatever was typed.
 */
export async function reserveVerifyTry(
  ctx: EngineContext,
  subject: string,
  triesKey: string,
): Promise<VerifyTry> {
  const codeTriesLeft = await reserveCodeTry(ctx, triesKey);
  const userKey = budgetKey(subject);
  const userTries = await ctx.counters.incrementCounter(userKey, HOUR, ctx.clock.now());
  if (userTries > ctx.limits.verifyFailuresPerHour)
    await refuse(ctx, subject, "blocked", [blockedKey(subject), userKey]);
  return {
    codeTriesLeft,
    budgetLeft: ctx.limits.verifyFailuresPerHour - userTries,
    async succeeded() {
      await ctx.counters.decrementCounter(userKey, ctx.clock.now());
      await ctx.counters.decrementCounter(codeTryKey(triesKey), ctx.clock.now());
    },
    async failed() {
      if (userTries < ctx.limits.verifyFailuresPerHour) return;
      await ctx.counters.incrementCounter(
        blockedKey(subject),
        ctx.limits.blockHours * HOUR,
        ctx.clock.now(),
      );
      await refuse(ctx, subject, "blocked", [blockedKey(subject)]);
    },
  };
}

/**
 * Counts one code sent to one method (`sendKey`: the method, and for a reset the contact as
 * typed, so a wrong contact never spends the real one's sends); past the hourly limit, throws
 * `throttled`.
 */
export async function consumeSend(
  ctx: EngineContext,
  subject: string,
  sendKey: string,
): Promise<void> {
  const key = `send:${subject}:${sendKey}`;
  const sends = await ctx.counters.incrementCounter(key, HOUR, ctx.clock.now());
  if (sends > ctx.limits.sendsPerMethodPerHour) await refuse(ctx, subject, "sends", [key]);
}

/** Counts one flow started from an address; past the per-minute limit, throws `throttled`. */
export async function consumeStart(ctx: EngineContext, address: string): Promise<void> {
  const key = `start:${address}`;
  const starts = await ctx.counters.incrementCounter(key, MINUTE, ctx.clock.now());
  if (starts > ctx.limits.startsPerAddressPerMinute) await refuse(ctx, null, "starts", [key]);
}
