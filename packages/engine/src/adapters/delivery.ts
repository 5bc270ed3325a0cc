import type { DeliveryChannel } from "@sspr/core";

/** A rendered message for one recipient. The engine renders; a delivery adapter transports. */
export interface OutboundMessage {
  /** The idempotency key: a transport that can deduplicate uses it. */
  id: string;
  channel: DeliveryChannel;
  /** A validated email address or E.164 number. */
  to: string;
  subject: string;
  text: string;
}

/** Carries messages: SMTP for email, a gateway webhook for SMS and voice, memory in tests. */
export interface Delivery {
  /** The channels this adapter can carry. */
  readonly channels: readonly DeliveryChannel[];
  /** Sends one message; rejects when the transport failed, so the outbox retries. */
  send(message: OutboundMessage): Promise<void>;
}
