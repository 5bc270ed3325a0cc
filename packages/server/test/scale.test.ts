import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { type SsprApi, SsprProblem } from "@sspr/core";
import { Redis } from "ioredis";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";

import { runCli, untilPrinted } from "./cli.js";
import { startReset, startServerProcess } from "./server-process.js";
import {
  freshSchema,
  postgresAvailable,
  postgresUrl,
  redisAvailable,
  redisUrl,
  sqliteFile,
} from "./services.js";

/** Verifies a reset's code and sets the new password, on whichever server `api` reaches. */
async function verifyAndComplete(api: SsprApi, flowId: string, code: string) {
  await api.verifyCode({ flowId, code });
  return api.completeReset({ flowId, newPassword: "correct horse battery staple" });
}

/** A port nothing listens on yet. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real SMTP server on a port: the codes it received, by recipient. */
async function smtpOn(port: number) {
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

const problemOf = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error) => (error instanceof SsprProblem ? error.code : String(error)),
  );

const ready = (await postgresAvailable()) && (await redisAvailable());

/** What two `sspr serve` processes share: a PostgreSQL schema, a Redis prefix, a mail server. */
async function sharedDeployment() {
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
async function twoServersWithAnna(
  env: Record<string, string>,
  smtp: Awaited<ReturnType<typeof smtpOn>>,
) {
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

describe.runIf(ready)("several sspr serve processes on PostgreSQL and Redis", () => {
  it("complete a reset started on the other, and throttle a user by attempts on both", async () => {
    const { env, smtp, redis, keyPrefix, close } = await sharedDeployment();
    try {
      const [a, b] = await twoServersWithAnna(env, smtp);

      let flow = await startReset(a.api, "anna@contoso.com");
      flow = await a.api.chooseMethod({
        flowId: flow.flowId,
        methodId: flow.methods[0]?.id ?? "",
        contact: "anna@example.org",
      });
      flow = await verifyAndComplete(b.api, flow.flowId, await smtp.code("anna@example.org", 2));
      expect(flow.step).toBe("done");

      // Five failed verifications in an hour block the user: three on a, two on b; the fifth
      // says so.
      const wrong = async (server: typeof a, times: number, nth: number) => {
        const started = await startReset(server.api, "anna@contoso.com");
        await server.api.chooseMethod({
          flowId: started.flowId,
          methodId: started.methods[0]?.id ?? "",
          contact: "anna@example.org",
        });
        await smtp.code("anna@example.org", nth);
        const outcomes: (string | null)[] = [];
        for (let i = 0; i < times; i++)
          outcomes.push(
            await problemOf(server.api.verifyCode({ flowId: started.flowId, code: "00000000" })),
          );
        return outcomes;
      };
      expect(await wrong(a, 3, 3)).toEqual(["code-invalid", "code-invalid", "code-invalid"]);
      expect(await wrong(b, 2, 4)).toEqual(["code-invalid", "throttled"]);
      expect(await problemOf(startReset(a.api, "anna@contoso.com"))).toBe("throttled");
      expect(await problemOf(startReset(b.api, "anna@contoso.com"))).toBe("throttled");
      expect(await redis.keys(`${keyPrefix}counter:blocked:*`)).toHaveLength(1);

      expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    } finally {
      await close();
    }
  }, 120_000);

  it("compare at most five of 50 wrong codes sent at once to both, and answer the right one after them as the wrong ones", async () => {
    const { env, smtp, close } = await sharedDeployment();
    try {
      const [a, b] = await twoServersWithAnna(env, smtp);
      const flow = await startReset(a.api, "anna@contoso.com");
      await a.api.chooseMethod({
        flowId: flow.flowId,
        methodId: flow.methods[0]?.id ?? "",
        contact: "anna@example.org",
      });
      const right = await smtp.code("anna@example.org", 2);
      const wrong = right === "00000000" ? "00000001" : "00000000";
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          problemOf((i % 2 ? b : a).api.verifyCode({ flowId: flow.flowId, code: wrong })),
        ),
      );
      // Four say how many tries are left; the fifth kills the code and blocks the user, so every
      // later answer is a refusal, and the same one whatever code it carries.
      expect(answers.filter((x) => x === "code-invalid")).toHaveLength(4);
      const refusals = answers.filter((x) => x !== "code-invalid");
      for (const refusal of refusals) expect(["attempts-exceeded", "throttled"]).toContain(refusal);
      expect(refusals.length).toBe(46);
      const after = await Promise.all(
        [a, b].flatMap((server) =>
          [right, wrong].map((code) =>
            problemOf(server.api.verifyCode({ flowId: flow.flowId, code })),
          ),
        ),
      );
      expect(new Set(after).size).toBe(1);
      expect(["attempts-exceeded", "throttled"]).toContain(after[0]);
      expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    } finally {
      await close();
    }
  }, 120_000);
});

describe("sspr serve killed with SIGKILL", () => {
  it("delivers every queued message after a restart, and the flow goes on where it was", async () => {
    const { file, remove } = await sqliteFile();
    const smtpPort = await freePort();
    const env = {
      SSPR_DATA_DIR: join(file, ".."),
      SSPR_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SSPR_SMTP_FROM: "sspr@contoso.com",
    };
    try {
      await runCli(
        ["user", "add", "anna", "--email", "anna@contoso.com", "--password", "an old password"],
        env,
      );
      // The mail server is down: registration's code waits in the outbox.
      const first = await startServerProcess(env);
      const asAnna = await first.as("anna");
      const pending = await asAnna.addContactMethod({ kind: "email", value: "anna@example.org" });
      await untilPrinted(first.child, /"retried":1/);
      first.child.kill("SIGKILL");
      await new Promise((resolve) => first.child.once("close", resolve));

      const smtp = await smtpOn(smtpPort);
      try {
        const second = await startServerProcess(env);
        const code = await smtp.code("anna@example.org", 1);
        const asAnnaAgain = await second.as("anna");
        await asAnnaAgain.verifyContactMethod({ pendingId: pending.pendingId, code });

        // A reset in progress when the process dies goes on after the restart.
        let flow = await startReset(second.api, "anna@contoso.com");
        flow = await second.api.chooseMethod({
          flowId: flow.flowId,
          methodId: flow.methods[0]?.id ?? "",
          contact: "anna@example.org",
        });
        second.child.kill("SIGKILL");
        await new Promise((resolve) => second.child.once("close", resolve));
        const third = await startServerProcess(env);
        flow = await verifyAndComplete(
          third.api,
          flow.flowId,
          await smtp.code("anna@example.org", 2),
        );
        expect(flow.step).toBe("done");
        expect(await third.stop()).toBe(0);
      } finally {
        await smtp.close();
      }
    } finally {
      await remove();
    }
  }, 120_000);
});
