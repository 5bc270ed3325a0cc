import type { Delivery } from "@sspr/engine";
import { createTransport } from "nodemailer";

/**
 * Email over SMTP with nodemailer (`smtp://user:pass@host:587`, `smtps://…:465`). The message's
 * idempotency key becomes its Message-ID, so a retry after a lost answer is recognisable.
 */
export function createSmtpDelivery(options: { url: string; from: string }): Delivery & {
  close(): void;
} {
  const transport = createTransport(options.url);
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
