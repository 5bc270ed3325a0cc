import { join } from "node:path";
import { type SsprApi, SsprProblem } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { freePort, sharedDeployment, smtpOn, twoServersWithAnna } from "./deployment.js";
import { startReset, startServerProcess } from "./server-process.js";
import { postgresAvailable, redisAvailable, sqliteFile } from "./services.js";

/** Verifies a reset's code and sets the new password, on whichever server `api` reaches. */
async function verifyAndComplete(api: SsprApi, flowId: string, code: string) {
  await api.verifyCode({ flowId, code });
  return api.completeReset({ flowId, newPassword: "correct horse battery staple" });
}

const problemOf = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error) => (error instanceof SsprProblem ? error.code : String(error)),
  );

const ready = (await postgresAvailable()) && (await redisAvailable());

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
      // At most four say how many tries are left (one whose answer is formed after the budget is
      // spent says throttled instead); the fifth kills the code and blocks the user, so every
      // later answer is a refusal, and the same one whatever code it carries.
      const invalid = answers.filter((x) => x === "code-invalid").length;
      expect(invalid).toBeGreaterThanOrEqual(1);
      expect(invalid).toBeLessThanOrEqual(4);
      const refusals = answers.filter((x) => x !== "code-invalid");
      for (const refusal of refusals) expect(["attempts-exceeded", "throttled"]).toContain(refusal);
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
      await first.logged(/^message not sent; will retry$/);
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
