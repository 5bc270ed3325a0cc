import { evaluatePassword, loadCommonPasswords, type Policy, type RuleResult } from "@sspr/core";
import type { DirectoryUser } from "../adapters/directory.js";
import type { MethodRecord } from "../adapters/store.js";
import type { EngineContext } from "./context.js";

/**
 * The rules in force for a user's new (normalised) password: core's evaluation against the
 * global list, the policy's terms and the user's own name, identifiers and email addresses,
 * plus `history` (never the current password, nor the last `historyCount`).
 */
export async function newPasswordResults(
  ctx: EngineContext,
  policy: Policy,
  user: DirectoryUser,
  methods: MethodRecord[],
  password: string,
): Promise<RuleResult[]> {
  const evaluation = evaluatePassword(password, policy.password, {
    personal: [
      user.displayName,
      ...user.identifiers,
      ...methods.flatMap((m) => (m.kind === "email" && m.contact ? [m.contact] : [])),
    ],
    common: await loadCommonPasswords(),
  });
  const reused =
    password.length === 0 ||
    (await ctx.directory.isPasswordReused(user.id, password, policy.password.historyCount));
  return [...evaluation.results, { rule: "history", passed: !reused }];
}
