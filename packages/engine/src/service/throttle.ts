import { SsprProblem } from "@sspr/core";
import type { EngineContext } from "./context.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Rejects callers whose reset function is blocked after too many failed verifications. */
export async function assertNotBlocked(ctx: EngineContext, subject: string): Promise<void> {
  if ((await ctx.counters.readCounter(`blocked:${subject}`, ctx.clock.now())) > 0) {
    throw new SsprProblem("throttled");
  }
}

/** Counts a failed verification; the one that reaches the hourly limit blocks the subject. */
export async function recordVerifyFailure(ctx: EngineContext, subject: string): Promise<void> {
  const now = ctx.clock.now();
  const failures = await ctx.counters.incrementCounter(`verify-fail:${subject}`, HOUR, now);
  if (failures >= ctx.limits.verifyFailuresPerHour) {
    await ctx.counters.incrementCounter(`blocked:${subject}`, ctx.limits.blockHours * HOUR, now);
  }
}

/** Counts one code sent to one method; past the hourly limit, throws `throttled`. */
export async function consumeSend(
  ctx: EngineContext,
  subject: string,
  method: string,
): Promise<void> {
  const sends = await ctx.counters.incrementCounter(
    `send:${subject}:${method}`,
    HOUR,
    ctx.clock.now(),
  );
  if (sends > ctx.limits.sendsPerMethodPerHour) throw new SsprProblem("throttled");
}

/** Counts one flow started from an address; past the per-minute limit, throws `throttled`. */
export async function consumeStart(ctx: EngineContext, address: string): Promise<void> {
  const starts = await ctx.counters.incrementCounter(`start:${address}`, MINUTE, ctx.clock.now());
  if (starts > ctx.limits.startsPerAddressPerMinute) {
    throw new SsprProblem("throttled", { retryAfterSeconds: 60 });
  }
}
