import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { OutboundMessage } from "@sspr/engine";
import { describeDeliveryConformance } from "@sspr/engine/conformance";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import { createSmtpDelivery } from "../src/delivery/smtp-delivery.js";
import { createWebhookDelivery } from "../src/delivery/webhook-delivery.js";

/** A real SMTP server in the test: every mail it accepts, parsed. */
async function smtpServer() {
  const mails: OutboundMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        mails.push({
          id: mail.messageId?.replace(/^<|@sspr>$/g, "") ?? "",
          channel: "email",
          to: [mail.to ?? []].flat()[0]?.value[0]?.address ?? "",
          subject: mail.subject ?? "",
          text: mail.text?.trimEnd() ?? "",
        });
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const SECRET = "a webhook secret of at least 32 bytes!";

/** The operator's gateway in the test: checks each call's signature, answers `status`. */
async function gateway(status = () => 204) {
  const calls: { body: OutboundMessage; verified: boolean; key: string | undefined }[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const timestamp = String(request.headers["x-sspr-timestamp"]);
      const expected = createHmac("sha256", SECRET).update(`${timestamp}.${body}`).digest("hex");
      calls.push({
        body: JSON.parse(body),
        verified: request.headers["x-sspr-signature"] === `sha256=${expected}`,
        key: request.headers["x-sspr-idempotency-key"]?.toString(),
      });
      response.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describeDeliveryConformance("SMTP delivery to a real SMTP server", async () => {
  const smtp = await smtpServer();
  const delivery = createSmtpDelivery({
    url: smtp.url,
    from: "sspr <sspr@contoso.com>",
    timeoutMs: 5_000,
  });
  return {
    delivery,
    received: async () => smtp.mails,
    close: async () => {
      delivery.close();
      await smtp.close();
    },
  };
});

describeDeliveryConformance("webhook delivery to a gateway", async () => {
  const server = await gateway();
  return {
    delivery: createWebhookDelivery({ url: server.url, secret: SECRET }),
    received: async () => server.calls.map((c) => ({ ...c.body, subject: "" })),
    close: server.close,
  };
});

describe("the webhook delivery", () => {
  const message: OutboundMessage = {
    id: "msg-1",
    channel: "sms",
    to: "+31612345678",
    subject: "",
    text: "Your code is 12345678",
  };

  it("signs every call and names its idempotency key", async () => {
    const server = await gateway();
    try {
      await createWebhookDelivery({ url: server.url, secret: SECRET }).send(message);
      expect(server.calls).toEqual([
        {
          body: { id: "msg-1", channel: "sms", to: "+31612345678", text: "Your code is 12345678" },
          verified: true,
          key: "msg-1",
        },
      ]);
      await createWebhookDelivery({
        url: server.url,
        secret: "another secret of at least 32 bytes",
      }).send(message);
      expect(server.calls[1]?.verified).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("rejects when the gateway does not accept, so the outbox retries", async () => {
    const server = await gateway(() => 503);
    try {
      await expect(
        createWebhookDelivery({ url: server.url, secret: SECRET }).send(message),
      ).rejects.toThrow(/answered 503/);
    } finally {
      await server.close();
    }
  });
});

describe("the SMTP delivery", () => {
  it("uses the idempotency key as the Message-ID", async () => {
    const smtp = await smtpServer();
    const delivery = createSmtpDelivery({
      url: smtp.url,
      from: "sspr@contoso.com",
      timeoutMs: 5_000,
    });
    try {
      await delivery.send({
        ...{
          id: "abc",
          channel: "email",
          to: "anna@example.org",
          subject: "Code",
          text: "12345678",
        },
      });
      expect(smtp.mails[0]).toMatchObject({ id: "abc", to: "anna@example.org", subject: "Code" });
    } finally {
      delivery.close();
      await smtp.close();
    }
  });
});
