import type { Delivery } from "@sspr/engine";
import { createTransport } from "nodemailer";

/**
 * Email over SMTP with nodemailer (`smtp://user:pass@host:587`, `smtps://…:465`). The message's
 * idempotency key becomes its Message-ID, so a retry after a lost answer is recognisable.
 */
export function createSmtpDelivery(options: {
  url: string;
  from: string;
  /** How long connecting, the greeting, and each silence in a session may last. */
  timeoutMs: number;
}): Delivery & {
  close(): void;
} {
  // nodemailer's defaults (2 min to connect, 10 min of silence) outlast a code's life.
  const transport = createTransport({
    url: options.url,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    dnsTimeout: options.timeoutMs,
  });
  return {
    channels: ["email"],
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.id}@sspr>`,
      });
    },
    close: () => transport.close(),
  };
}
