import type { Policy, RegisteredMethodKind } from "@sspr/core";
import type { DirectoryUser } from "../../adapters/directory.js";
import { randomId } from "../../crypto/random.js";
import { availableQuestions } from "../answers.js";
import type { EngineContext } from "../context.js";
import { fixedHints, maskEmail, maskPhone } from "../masking.js";
import { isUsable } from "../policy-source.js";
import { type DecoyPopulation, type MethodProfile, tagOf } from "./decoy-population.js";
import { channelsFor, type FlowMethod } from "./reset-state.js";

/** Mixes a secret seed with a member's tag (murmur3's finaliser): the rendezvous weight. */
function weight(seed: number, tag: number): number {
  let h = Math.imul(seed ^ tag, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The member with the highest weight: stable while members come and go, but for the winner. */
function pick<T>(seed: number, items: readonly T[], tag: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestWeight = -1;
  for (const item of items) {
    const w = weight(seed, tag(item));
    if (w > bestWeight) [best, bestWeight] = [item, w];
  }
  return best;
}

/** An endless stream of 32-bit seeds from a keyed hash of the identifier. */
function seedsOf(bytes: Uint8Array) {
  let n = 0;
  return () => {
    const i = (n++ * 4) % (bytes.length - 3);
    const word = ((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8);
    return ((word | (bytes[i + 3] ?? 0)) ^ Math.imul(n, 0x27d4eb2f)) >>> 0;
  };
}

/** The items in an order of their own for this seed. */
const shuffled = <T>(seed: number, items: readonly T[], tag: (item: T) => number): T[] =>
  [...items].sort((a, b) => weight(seed, tag(a)) - weight(seed, tag(b)));

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Methods for a user who cannot reset (unknown, disabled, not enabled, not registered), derived
 * from a keyed hash of the identifier, so the same identifier always shows the same methods.
 * They are drawn from the users who can reset: the method set of one of them (of the same role
 * when the identifier names a user), each hint made of parts of others' (one's address before
 * the @, another's after it; one's number with other last digits), questions registered by
 * another. Without anyone to draw from (a new installation), a plausible set is made up.
 */
export async function decoyMethods(
  ctx: EngineContext,
  policy: Policy,
  identifier: string,
  user: DirectoryUser | null,
  population: DecoyPopulation,
  required: number,
): Promise<FlowMethod[]> {
  const next = seedsOf(
    await ctx.keyring.derive("decoy-methods", identifier.normalize("NFKC").toLowerCase()),
  );
  const admin = user?.isAdmin === true;
  const fits = (p: MethodProfile) =>
    p.kinds.length >= required &&
    p.kinds.every((kind) => isUsable(policy, { isAdmin: admin }, kind));
  const sameRole = population.profiles.filter((p) => fits(p) && (!user || p.admin === admin));
  const profile = pick(
    next(),
    sameRole.length > 0 ? sameRole : population.profiles.filter(fits),
    (p) => p.tag,
  );
  const kinds = profile?.kinds ?? madeUpKinds(policy, admin, required, next);
  return kinds.map((kind, index) => ({
    id: randomId(6),
    key: `decoy-${index}`,
    recordId: null,
    kind,
    hint: decoyHint(kind, population, next),
    channels: channelsFor(policy, kind),
    decoyQuestionIds: kind === "questions" ? decoyQuestions(policy, population, next()) : [],
  }));
}

/** The questions a decoy "registered": another user's set, or as many as the policy asks for. */
function decoyQuestions(policy: Policy, population: DecoyPopulation, seed: number): string[] {
  const offered = availableQuestions(policy).map((q) => q.id);
  const sets = population.questionSets.filter((set) => set.every((id) => offered.includes(id)));
  return (
    pick(seed, sets, (set) => tagOf(set.join())) ??
    shuffled(seed, offered, tagOf).slice(0, policy.securityQuestions.toRegister)
  );
}

function decoyHint(
  kind: RegisteredMethodKind,
  population: DecoyPopulation,
  next: () => number,
): string {
  const char = () => alphabet[next() % alphabet.length] ?? "a";
  if (kind === "email") {
    const local = pick(next(), population.emails, tagOf)?.split("@")[0] ?? `${char()}${char()}`;
    const domain =
      pick(next(), population.emails, tagOf)?.split("@")[1] ?? `${char()}${char()}.com`;
    return maskEmail(`${local}@${domain}`);
  }
  if (kind === "phone") {
    const phone = pick(next(), population.phones, tagOf) ?? "+31612345678";
    const digits = String(next() % 10_000).padStart(4, "0");
    return maskPhone(`${phone.slice(0, -4)}${digits}`);
  }
  return fixedHints[kind];
}

/** A method set when nobody can reset yet: the required number, or one more, of the allowed kinds. */
function madeUpKinds(
  policy: Policy,
  admin: boolean,
  required: number,
  next: () => number,
): RegisteredMethodKind[] {
  const allowed = (["email", "phone", "app", "questions"] as const).filter((kind) =>
    isUsable(policy, { isAdmin: admin }, kind),
  );
  const order = shuffled(next(), allowed, tagOf);
  const chosen = order.slice(0, Math.min(order.length, required + (next() % 2)));
  // As for a real user, security questions never stand alone.
  if (chosen.every((kind) => kind === "questions"))
    return order.filter((k) => k !== "questions").slice(0, 1);
  return chosen;
}
