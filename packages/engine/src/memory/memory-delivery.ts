import type { Delivery, OutboundMessage } from "../adapters/delivery.js";

/**
 * Delivery into an array: what tests and the headless example read codes from. A message id
 * is delivered once, as an idempotent transport would.
 */
export class MemoryDelivery implements Delivery {
  readonly channels = ["email", "sms", "voice"] as const;
  /** Every message delivered, oldest first. */
  readonly sent: OutboundMessage[] = [];
  #failures = 0;

  /** Makes the next `count` sends fail, as a transport that is down would. */
  failNext(count: number): void {
    this.#failures = count;
  }

  /** The last message delivered to a recipient. */
  lastTo(to: string): OutboundMessage | undefined {
    return this.sent.filter((m) => m.to === to).at(-1);
  }

  async send(message: OutboundMessage): Promise<void> {
    if (this.#failures > 0) {
      this.#failures -= 1;
      throw new Error("Transport unavailable");
    }
    if (!this.sent.some((m) => m.id === message.id)) this.sent.push(structuredClone(message));
  }
}
