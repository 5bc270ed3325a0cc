import { createServer as createHttpServer } from "node:http";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { startServerProcess } from "./server-process.js";
import { sqliteFile } from "./services.js";

/** An SMTP server that takes the connection and never says a word. */
async function silentSmtp() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A text gateway: the messages its webhook received. */
async function gateway() {
  const received: { to: string; text: string }[] = [];
  const server = createHttpServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push(JSON.parse(body));
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/sms`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("sspr serve with a mail server that hangs", () => {
  it("times the session out, retries it, and sends texts meanwhile; the outbox's age shows on /readyz", async () => {
    const { file, remove } = await sqliteFile();
    const smtp = await silentSmtp();
    const sms = await gateway();
    const env = {
      SSPR_DATA_DIR: join(file, ".."),
      SSPR_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SSPR_SMTP_FROM: "sspr@contoso.com",
      SSPR_SMTP_TIMEOUT_MS: "500",
      SSPR_WEBHOOK_URL: sms.url,
      SSPR_WEBHOOK_SECRET: "a webhook secret of at least 32 bytes!",
    };
    try {
      await runCli(["user", "add", "anna", "--email", "anna@contoso.com"], env);
      const server = await startServerProcess(env);
      const asAnna = await server.as("anna");
      await asAnna.addContactMethod({ kind: "email", value: "anna@example.org" });
      await asAnna.addContactMethod({ kind: "phone", value: "+31612345678" });

      for (let i = 0; i < 100 && sms.received.length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sms.received.map((m) => m.to)).toEqual(["+31612345678"]);
      expect(await server.logged(/^message not sent; will retry$/)).toMatchObject({
        level: 40,
        channel: "email",
        attempt: 1,
        error: expect.stringMatching(/greeting/i),
      });
      const ready = (await (await fetch(`${server.url}/readyz`)).json()) as {
        outbox: { pending: number; oldestPendingAgeMs: number };
      };
      expect(ready.outbox.pending).toBe(1);
      expect(ready.outbox.oldestPendingAgeMs).toBeGreaterThan(0);
      expect(await server.stop()).toBe(0);
    } finally {
      await smtp.close();
      await sms.close();
      await remove();
    }
  }, 60_000);
});
