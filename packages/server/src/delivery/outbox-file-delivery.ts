import { appendFile } from "node:fs/promises";
import type { Delivery } from "@sspr/engine";

/**
 * Delivery into a file, one JSON line per message: the demo's dev inbox, and a safe default
 * when no gateway is configured (nothing leaves the machine). Never for production users.
 */
export function createOutboxFileDelivery(file: string): Delivery {
  return {
    channels: ["email", "sms", "voice"],
    async send(message) {
      await appendFile(file, `${JSON.stringify({ ...message, at: Date.now() })}\n`, {
        mode: 0o600,
      });
    },
  };
}
