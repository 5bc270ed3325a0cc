import { SsprProblem } from "@sspr/core";
import { audit } from "./audit.js";
import type { EngineContext } from "./context.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Audits a refusal (for the usage report) and throws `throttled`. */
async function refuse(
  ctx: EngineContext,
  subject: string | null,
  limit: "blocked" | "sends" | "starts",
  retryAfterSeconds?: number,
): Promise<never> {
  await audit(ctx, {
    type: "throttle.refused",
    actor: null,
    // A decoy's subject names nobody: the audit keeps user ids only.
    subject: subject?.startsWith("decoy:") ? null : subject,
    outcome: "failure",
    detail: { limit },
  });
  throw new SsprProblem("throttled", retryAfterSeconds ? { retryAfterSeconds } : {});
}

/** Rejects callers whose reset function is blocked after too many failed verifications. */
export async function assertNotBlocked(ctx: EngineContext, subject: string): Promise<void> {
  if ((await ctx.counters.readCounter(`blocked:${subject}`, ctx.clock.now())) > 0)
    await refuse(ctx, subject, "blocked");
}

/** What a reserved verification try allows, and how to settle it once the answer is known. */
export interface VerifyTry {
  /** Tries this code has left after this one. */
  codeTriesLeft: number;
  /** Settles a right answer: the user's try is given back (a success is no failure). */
  succeeded(): Promise<void>;
  /** Settles a wrong answer: the try stays spent; the one that reaches the limit blocks. */
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
    `code-try:${triesKey}`,
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
  const userKey = `verify-fail:${subject}`;
  const userTries = await ctx.counters.incrementCounter(userKey, HOUR, ctx.clock.now());
  if (userTries > ctx.limits.verifyFailuresPerHour) await refuse(ctx, subject, "blocked");
  return {
    codeTriesLeft,
    succeeded: () => ctx.counters.decrementCounter(userKey, ctx.clock.now()),
    async failed() {
      if (userTries >= ctx.limits.verifyFailuresPerHour)
        await ctx.counters.incrementCounter(
          `blocked:${subject}`,
          ctx.limits.blockHours * HOUR,
          ctx.clock.now(),
        );
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
  const sends = await ctx.counters.incrementCounter(
    `send:${subject}:${sendKey}`,
    HOUR,
    ctx.clock.now(),
  );
  if (sends > ctx.limits.sendsPerMethodPerHour) await refuse(ctx, subject, "sends");
}

/** Counts one flow started from an address; past the per-minute limit, throws `throttled`. */
export async function consumeStart(ctx: EngineContext, address: string): Promise<void> {
  const starts = await ctx.counters.incrementCounter(`start:${address}`, MINUTE, ctx.clock.now());
  if (starts > ctx.limits.startsPerAddressPerMinute) await refuse(ctx, null, "starts", 60);
}
