import type { PasswordStatus, Policy } from "@sspr/core";
import type { PasswordState } from "../adapters/directory.js";
import type { EngineContext, RequestContext } from "./context.js";
import { currentPolicy } from "./policy-source.js";
import { signedInUser } from "./principal.js";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Where a password stands against the expiry policy: expired, expiring within the warning
 * days, a change due at next sign-in (which wins), or fine. A password the directory has no date
 * for, or one exempted per user, never expires.
 */
export function passwordStatus(
  policy: Policy,
  state: PasswordState | null,
  neverExpires: boolean,
  now: number,
): PasswordStatus {
  const changedAt = state?.changedAt ?? null;
  const { expiryDays, warningDays } = policy.password;
  const expiresAt =
    changedAt === null || neverExpires || expiryDays === 0 ? null : changedAt + expiryDays * DAY;
  const verdict: PasswordStatus["state"] = state?.mustChange
    ? "must-change"
    : expiresAt === null
      ? "ok"
      : now >= expiresAt
        ? "expired"
        : now >= expiresAt - warningDays * DAY
          ? "expires-soon"
          : "ok";
  return {
    changedAt: changedAt === null ? null : iso(changedAt),
    expiresAt: expiresAt === null ? null : iso(expiresAt),
    state: verdict,
    neverExpires,
  };
}

/** The signed-in user's own password status, so a portal can prompt for a change. */
export async function ownPasswordStatus(
  ctx: EngineContext,
  rc: RequestContext,
): Promise<PasswordStatus> {
  const user = await signedInUser(ctx, rc);
  const { policy } = await currentPolicy(ctx);
  const [state, never] = await Promise.all([
    ctx.directory.getPasswordState(user.id),
    ctx.store.listNeverExpires([user.id]),
  ]);
  return passwordStatus(policy, state, never.length > 0, ctx.clock.now());
}
