import { type DeliveryChannel, type Locale, SsprProblem } from "@sspr/core";
import type { DirectoryUser } from "../adapters/directory.js";
import { contactTargets } from "./contact-messages.js";
import type { EngineContext } from "./context.js";
import { createFlow, loadFlow } from "./flows.js";
import { maskEmail, maskPhone } from "./masking.js";
import { renderMessage } from "./messages.js";
import { queueMessage } from "./outbox.js";

const HOUR = 3_600_000;

/**
 * Sends a user an administrator's reset invitation: a single-use link that starts their own
 * reset at the new password, without registered methods. It goes to every registered email
 * address and phone, and to `sendTo` when the administrator gave one; the answer names them
 * masked. The token lives only in the message; the store keeps its hash.
 */
export async function sendInvitation(
  ctx: EngineContext,
  user: DirectoryUser,
  options: { adminId: string; sendTo: string | undefined; locale: Locale },
): Promise<string[]> {
  const template = ctx.invitationUrl;
  if (!template)
    throw new SsprProblem("invalid-request", {
      detail: "Invitations need the reset page's address (the invitationUrl setting)",
    });
  const records = await ctx.store.listMethods(user.id);
  const targets: { channel: DeliveryChannel; to: string }[] = contactTargets(records);
  if (options.sendTo) targets.push({ channel: "email", to: options.sendTo });
  if (targets.length === 0)
    throw new SsprProblem("invalid-request", {
      errors: [
        { path: "sendTo", message: "The user has no email or phone registered: give an address" },
      ],
    });
  const hours = ctx.limits.invitationHours;
  const { publicId } = await createFlow(
    ctx,
    "invitation",
    user.id,
    { adminId: options.adminId },
    hours * HOUR,
  );
  const link = template.replace("{invitation}", encodeURIComponent(publicId));
  for (const target of targets) {
    const message = renderMessage(
      { kind: "invitation", link, hours },
      target.channel,
      options.locale,
      ctx.appName,
    );
    await queueMessage(ctx, { ...target, ...message });
  }
  return targets.map((t) => (t.channel === "email" ? maskEmail(t.to) : maskPhone(t.to)));
}

/** Uses up an invitation: its user's id, once; an unknown, expired or used one is `flow-expired`. */
export async function redeem(ctx: EngineContext, token: string): Promise<string> {
  const invitation = await loadFlow(ctx, "invitation", token);
  const now = ctx.clock.now();
  if (
    !(await ctx.store.claimOnce(
      `invitation:${invitation.record.id}`,
      invitation.record.expiresAt,
      now,
    ))
  )
    throw new SsprProblem("flow-expired");
  return invitation.record.subject;
}
