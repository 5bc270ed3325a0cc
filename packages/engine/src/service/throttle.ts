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
  if (sends > ctx.limits.sendsPerMethodPerHour) await refuse(ctx, subject, "sends");
}

/** Counts one flow started from an address; past the per-minute limit, throws `throttled`. */
export async function consumeStart(ctx: EngineContext, address: string): Promise<void> {
  const starts = await ctx.counters.incrementCounter(`start:${address}`, MINUTE, ctx.clock.now());
  if (starts > ctx.limits.startsPerAddressPerMinute) await refuse(ctx, null, "starts", 60);
}
