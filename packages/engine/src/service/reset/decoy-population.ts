import type { Policy, RegisteredMethodKind } from "@sspr/core";
import { allUsers } from "../all-users.js";
import type { EngineContext } from "../context.js";
import { isEnabledFor, requiredFor, usableMethods } from "../policy-source.js";

/** What one user who can reset shows: the kinds of their methods, in order, and their role. */
export interface MethodProfile {
  tag: number;
  admin: boolean;
  kinds: RegisteredMethodKind[];
}

/**
 * The users who can reset, as decoys are drawn from them: the method sets they show, and the
 * parts that make hints (addresses, numbers, registered questions). Decoys mix parts of
 * different users, so no decoy is a copy of one person.
 */
export interface DecoyPopulation {
  profiles: MethodProfile[];
  emails: string[];
  phones: string[];
  questionSets: string[][];
}

/** How long a population is used before it is read again (in the background). */
const REFRESH_MS = 15 * 60_000;

/** A 32-bit FNV-1a hash: a stable tag for a population member, for rendezvous picks. */
export function tagOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

async function readPopulation(ctx: EngineContext, policy: Policy): Promise<DecoyPopulation> {
  const population: DecoyPopulation = { profiles: [], emails: [], phones: [], questionSets: [] };
  for await (const user of allUsers(ctx.directory)) {
    if (user.disabled || !isEnabledFor(policy, user)) continue;
    const usable = usableMethods(policy, user, await ctx.store.listMethods(user.id));
    if (usable.length < requiredFor(policy, user)) continue;
    population.profiles.push({
      tag: tagOf(user.id),
      admin: user.isAdmin,
      kinds: usable.map((m) => m.kind),
    });
    for (const method of usable) {
      if (method.kind === "email" && method.contact) population.emails.push(method.contact);
      if (method.kind === "phone" && method.contact) population.phones.push(method.contact);
      if (method.kind === "questions")
        population.questionSets.push(method.answers.map((a) => a.questionId));
    }
  }
  return population;
}

/**
 * The population behind decoys, read from the directory and store once and then every 15
 * minutes in the background (a new policy reads it again), so a start never waits for it after
 * the first. Picks from it are rendezvous hashes, so a decoy stays the same while the
 * population grows, unless a newcomer happens to win its pick.
 */
export function createDecoyPopulation(ctx: EngineContext) {
  let current: { version: number; readAt: number; population: DecoyPopulation } | undefined;
  let reading: Promise<DecoyPopulation> | undefined;

  function read(policy: Policy, version: number): Promise<DecoyPopulation> {
    reading ??= readPopulation(ctx, policy)
      .then((population) => {
        current = { version, readAt: ctx.clock.now(), population };
        return population;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  }

  return async function population(policy: Policy, version: number): Promise<DecoyPopulation> {
    if (!current || current.version !== version) return read(policy, version);
    if (ctx.clock.now() - current.readAt >= REFRESH_MS)
      // Served stale meanwhile; a failed read keeps the last population and tries again later.
      read(policy, version).catch(() => undefined);
    return current.population;
  };
}
