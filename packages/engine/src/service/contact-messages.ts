import type { DeliveryChannel, Locale } from "@sspr/core";
import type { MethodRecord } from "../adapters/store.js";
import type { EngineContext } from "./context.js";
import { type MessageKind, renderMessage } from "./messages.js";
import { queueMessage } from "./outbox.js";

/** Where a user's registered contacts are reached: an email address by email, a phone by text. */
export function contactTargets(
  methods: MethodRecord[],
): { methodId: string; channel: DeliveryChannel; to: string }[] {
  return methods.flatMap((m) =>
    m.contact
      ? [{ methodId: m.id, channel: m.kind === "email" ? "email" : "sms", to: m.contact }]
      : [],
  );
}

/**
 * Queues one message to each registered contact, in the user's language. With a `key`, each
 * message's idempotency key is `key:<method id>`, so a retried operation sends nothing twice.
 */
export async function messageContacts(
  ctx: EngineContext,
  methods: MethodRecord[],
  message: MessageKind,
  locale: Locale,
  key?: string,
): Promise<void> {
  for (const { methodId, channel, to } of contactTargets(methods))
    await queueMessage(
      ctx,
      { channel, to, ...renderMessage(message, channel, locale, ctx.appName) },
      ...(key ? [`${key}:${methodId}`] : []),
    );
}
