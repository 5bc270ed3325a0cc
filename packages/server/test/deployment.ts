import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { Redis } from "ioredis";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { runCli } from "./cli.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { freshSchema, postgresUrl, redisUrl, sqliteFile } from "./services.js";

/** A port nothing listens on yet. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real SMTP server on a port: the codes it received, by recipient. */
export async function smtpOn(port: number) {
  const codes: { to: string; code: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        const code = mail.text?.match(/\d{8}/)?.[0];
        const to = [mail.to ?? []].flat()[0]?.value[0]?.address ?? "";
        if (code) codes.push({ to, code });
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    codes,
    /** The `nth` code (from 1) sent to an address, once it arrived. */
    async code(to: string, nth: number) {
      for (let i = 0; i < 300; i++) {
        const found = codes.filter((c) => c.to === to)[nth - 1];
        if (found) return found.code;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`No code ${nth} for ${to}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What two `sspr serve` processes share: a PostgreSQL schema, a Redis prefix, a mail server. */
export async function sharedDeployment() {
  const { schema, drop } = await freshSchema();
  const { file, remove } = await sqliteFile();
  const smtpPort = await freePort();
  const smtp = await smtpOn(smtpPort);
  const keyPrefix = `sspr-test:${randomBytes(6).toString("hex")}:`;
  const env = {
    // Both share the data folder for the generated secrets, as instances share configured ones.
    SSPR_DATA_DIR: join(file, ".."),
    SSPR_DATABASE_URL: `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    SSPR_REDIS_URL: redisUrl,
    SSPR_REDIS_KEY_PREFIX: keyPrefix,
    SSPR_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    SSPR_SMTP_FROM: "sspr@contoso.com",
  };
  const redis = new Redis(redisUrl);
  return {
    env,
    smtp,
    redis,
    keyPrefix,
    async close() {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await smtp.close();
      await drop();
      await remove();
    },
  };
}

/** Two processes on one deployment, with anna's private address registered through one. */
export async function twoServersWithAnna(
  env: Record<string, string>,
  smtp: Awaited<ReturnType<typeof smtpOn>>,
): Promise<readonly [ServerProcess, ServerProcess]> {
  await runCli(
    ["user", "add", "anna", "--email", "anna@contoso.com", "--password", "an old password"],
    env,
  );
  const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const asAnna = await a.as("anna");
  const pending = await asAnna.addContactMethod({ kind: "email", value: "anna@example.org" });
  await asAnna.verifyContactMethod({
    pendingId: pending.pendingId,
    code: await smtp.code("anna@example.org", 1),
  });
  return [a, b] as const;
}
