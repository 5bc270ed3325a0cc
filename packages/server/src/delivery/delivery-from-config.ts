import { join } from "node:path";
import type { Delivery } from "@sspr/engine";
import type { ServerConfig } from "../config/server-config.schema.js";
import { routeByChannel } from "./channel-router.js";
import { createOutboxFileDelivery } from "./outbox-file-delivery.js";
import { createSmtpDelivery } from "./smtp-delivery.js";
import { createWebhookDelivery } from "./webhook-delivery.js";

/**
 * The delivery a configuration asks for: email over SMTP, text and voice through the webhook,
 * and the outbox file for the channels neither carries. With nothing configured, everything
 * goes to `<dataDir>/outbox.jsonl` (the demo's inbox; nothing leaves the machine).
 */
export function deliveryFromConfig(config: ServerConfig): {
  delivery: Delivery;
  /** Where the outbox file is, when one is used. */
  outboxFile: string | null;
  close(): void;
} {
  const { smtp, webhook } = config.delivery;
  const smtpDelivery = smtp ? createSmtpDelivery(smtp) : null;
  const carriers: Delivery[] = [
    ...(smtpDelivery ? [smtpDelivery] : []),
    ...(webhook ? [createWebhookDelivery(webhook)] : []),
  ];
  const outboxFile =
    config.delivery.outboxFile ??
    (carriers.length === 0 ? join(config.dataDir, "outbox.jsonl") : null);
  if (outboxFile) carriers.push(createOutboxFileDelivery(outboxFile));
  return { delivery: routeByChannel(carriers), outboxFile, close: () => smtpDelivery?.close() };
}
