import { createHmac } from "node:crypto";
import type { Delivery } from "@sspr/engine";

/**
 * Text messages and voice calls through the operator's gateway: a JSON POST to a webhook,
 * signed with HMAC-SHA-256 over `<timestamp>.<body>` (headers `x-sspr-timestamp`,
 * `x-sspr-signature: sha256=<hex>`), so the gateway can reject forged or replayed calls.
 * `x-sspr-idempotency-key` lets it drop a retry of a message it already sent. Anything but a
 * 2xx answer rejects, and the outbox retries with backoff.
 */
export function createWebhookDelivery(options: {
  url: string;
  secret: string;
  timeoutMs?: number;
  now?: () => number;
}): Delivery {
  const now = options.now ?? Date.now;
  return {
    channels: ["sms", "voice"],
    async send(message) {
      const body = JSON.stringify({
        id: message.id,
        channel: message.channel,
        to: message.to,
        text: message.text,
      });
      const timestamp = String(Math.floor(now() / 1000));
      const signature = createHmac("sha256", options.secret)
        .update(`${timestamp}.${body}`)
        .digest("hex");
      const response = await fetch(options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-sspr-timestamp": timestamp,
          "x-sspr-signature": `sha256=${signature}`,
          "x-sspr-idempotency-key": message.id,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`The gateway answered ${response.status}`);
    },
  };
}
