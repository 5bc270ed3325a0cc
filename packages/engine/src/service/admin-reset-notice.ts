import type { Locale, Policy } from "@sspr/core";
import type { DirectoryUser } from "../adapters/directory.js";
import { allUsers } from "./all-users.js";
import { messageContacts } from "./contact-messages.js";
import type { EngineContext } from "./context.js";

/**
 * Tells every other enabled administrator that an administrator's password was reset, as
 * Entra's "notify all admins when other admins reset their password" means it: by another
 * administrator (`by`), or by the administrator themselves through self-service (`by` null).
 * Nothing when `user` is no administrator or the policy turned the notice off. `key` makes
 * each message's idempotency key, so a retried operation sends nothing twice.
 */
export async function notifyAdminsOfAdminReset(
  ctx: EngineContext,
  policy: Policy,
  user: DirectoryUser,
  by: DirectoryUser | null,
  locale: Locale,
  key: string,
): Promise<void> {
  if (!user.isAdmin || !policy.notifications.notifyAdminsOnAdminReset) return;
  for await (const other of allUsers(ctx.directory))
    if (other.isAdmin && other.id !== user.id && !other.disabled)
      await messageContacts(
        ctx,
        await ctx.store.listMethods(other.id),
        { kind: "admin-reset-notice", admin: by?.displayName ?? null, user: user.displayName },
        locale,
        `${key}:${other.id}`,
      );
}
