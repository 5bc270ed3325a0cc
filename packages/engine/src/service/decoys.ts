import type { Policy } from "@sspr/core";
import { randomId } from "../crypto/random.js";
import type { EngineContext } from "./context.js";
import { decoyEmailHint, decoyPhoneHint, fixedHints } from "./masking.js";
import type { FlowMethod } from "./reset.js";

/**
 * Methods for a user who cannot reset (unknown, disabled, not enabled, not registered), derived
 * from a keyed hash of the identifier: the same identifier always shows the same methods, in
 * the same shapes as a real user's, and without the server key nobody can tell them apart.
 */
export async function decoyMethods(
  ctx: EngineContext,
  policy: Policy,
  identifier: string,
): Promise<FlowMethod[]> {
  const bytes = await ctx.keyring.derive(
    "decoy-methods",
    identifier.normalize("NFKC").toLowerCase(),
  );
  const byte = (i: number) => bytes[i % bytes.length] ?? 0;
  const phoneChannels = (["sms", "voice"] as const).filter((c) => policy.methods[c]);
  const pool: FlowMethod[] = [];
  if (policy.methods.email)
    pool.push({
      id: "",
      recordId: null,
      kind: "email",
      hint: decoyEmailHint(byte(1), byte(2)),
      channels: ["email"],
    });
  if (phoneChannels.length > 0)
    pool.push({
      id: "",
      recordId: null,
      kind: "phone",
      hint: decoyPhoneHint(byte(3)),
      channels: phoneChannels,
    });
  if (policy.methods.app)
    pool.push({ id: "", recordId: null, kind: "app", hint: fixedHints.app, channels: [] });
  if (policy.methods.questions)
    pool.push({
      id: "",
      recordId: null,
      kind: "questions",
      hint: fixedHints.questions,
      channels: [],
    });
  // Real users list methods in the order they registered them; a decoy's order varies per identifier.
  const ordered = pool
    .map((method, i) => ({ method, key: byte(4 + i) }))
    .sort((a, b) => a.key - b.key)
    .map(({ method }) => method);
  const extra = byte(0) % (Math.max(ordered.length - policy.methodsRequired, 0) + 1);
  const count = Math.min(ordered.length, policy.methodsRequired + extra);
  // As for a real user, security questions never stand alone.
  const chosen = ordered.slice(0, count);
  if (chosen.every((m) => m.kind === "questions"))
    chosen.splice(0, 1, ...ordered.slice(count, count + 1));
  // Ids are fresh per flow, as a real user's are.
  return chosen.map((method) => ({ ...method, id: randomId(6) }));
}
