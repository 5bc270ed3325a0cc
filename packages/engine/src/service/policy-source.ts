import { defaultPolicy, type Policy } from "@sspr/core";
import type { DirectoryUser } from "../adapters/directory.js";
import type { MethodRecord } from "../adapters/store.js";
import type { EngineContext } from "./context.js";

/**
 * The saved policy, or the default before an administrator saved one. A policy saved before a
 * setting existed gets that setting's default.
 */
export async function currentPolicy(
  ctx: EngineContext,
): Promise<{ policy: Policy; version: number }> {
  const saved = await ctx.store.getPolicy();
  return saved
    ? { policy: { ...defaultPolicy, ...saved.policy }, version: saved.version }
    : { policy: defaultPolicy, version: 0 };
}

/** Whether the policy lets this user reset their own password. */
export function isEnabledFor(policy: Policy, user: DirectoryUser): boolean {
  const { scope, groups } = policy.enabled;
  if (scope === "all") return true;
  return scope === "selected" && user.groups.some((group) => groups.includes(group));
}

/** Methods a reset needs: administrators always need two. */
export const requiredFor = (policy: Policy, user: DirectoryUser): number =>
  user.isAdmin ? 2 : policy.methodsRequired;

/** Whether a registered method of this kind may be used by this user under the policy. */
export function isUsable(
  policy: Policy,
  user: Pick<DirectoryUser, "isAdmin">,
  kind: "email" | "phone" | "app" | "questions",
): boolean {
  const { methods } = policy;
  switch (kind) {
    case "email":
      return methods.email;
    case "phone":
      return methods.sms || methods.voice;
    case "app":
      return methods.app;
    case "questions":
      // Administrators may never use security questions.
      return methods.questions && !user.isAdmin;
  }
}

/** A user's methods that the policy lets them reset with; security questions never count alone. */
export function usableMethods(
  policy: Policy,
  user: Pick<DirectoryUser, "isAdmin">,
  methods: MethodRecord[],
): MethodRecord[] {
  const usable = methods.filter((m) => isUsable(policy, user, m.kind));
  return usable.some((m) => m.kind !== "questions") ? usable : [];
}

const DAY = 86_400_000;

/** What a user must do about their security info: register more, re-confirm it, or nothing. */
export function registrationDue(
  policy: Policy,
  user: DirectoryUser,
  methods: MethodRecord[],
  confirmedAt: number | null,
  now: number,
): "none" | "register" | "reconfirm" {
  if (!isEnabledFor(policy, user)) return "none";
  if (usableMethods(policy, user, methods).length < requiredFor(policy, user)) return "register";
  const { reconfirmDays } = policy.registration;
  return reconfirmDays > 0 && (confirmedAt === null || confirmedAt + reconfirmDays * DAY <= now)
    ? "reconfirm"
    : "none";
}
