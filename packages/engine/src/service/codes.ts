import { randomDigits } from "../crypto/random.js";
import type { EngineContext } from "./context.js";

/** A one-time code as the flow keeps it: its keyed hash, never the code. */
export type CodeState = { hash: string; expiresAt: number };

/**
 * Makes a code of `length` uniform digits bound to `binding` (flow and method): the stored hash
 * covers both, so a code for one flow or method never verifies for another.
 */
export async function issueCode(
  ctx: EngineContext,
  binding: string,
  length: number,
  lifetimeMinutes: number,
): Promise<{ code: string; state: CodeState }> {
  const code = randomDigits(length);
  const hash = await ctx.keyring.mac("one-time-code", `${binding}\u0000${code}`);
  return { code, state: { hash, expiresAt: ctx.clock.now() + lifetimeMinutes * 60_000 } };
}

/** Compares a typed code with the stored hash in constant time. */
export function codeMatches(
  ctx: EngineContext,
  binding: string,
  code: string,
  state: CodeState,
): Promise<boolean> {
  return ctx.keyring.verifyMac("one-time-code", `${binding}\u0000${code}`, state.hash);
}
