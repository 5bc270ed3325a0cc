import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { codeSentTo, startReset, startServerProcess } from "./server-process.js";
import { sqliteFile } from "./services.js";

const ATTACKER = { kind: "email", value: "attacker@evil.example" } as const;

describe("sspr serve: a token from before a password change", () => {
  it("cannot add a contact after the user's reset, or after an administrator's", async () => {
    const { file, remove } = await sqliteFile();
    const dataDir = join(file, "..");
    const env = { SSPR_DATA_DIR: dataDir };
    const outbox = join(dataDir, "outbox.jsonl");
    try {
      for (const [id, extra] of [
        ["anna", []],
        ["bob", ["--admin"]],
      ] as const)
        await runCli(
          [
            "user",
            "add",
            id,
            "--email",
            `${id}@contoso.com`,
            "--password",
            "an old password",
            ...extra,
          ],
          env,
        );
      const server = await startServerProcess(env);
      try {
        // Taken while anna's old password is still hers.
        const stolen = await server.as("anna");
        const pending = await stolen.addContactMethod({ kind: "email", value: "anna@example.org" });
        await stolen.verifyContactMethod({
          pendingId: pending.pendingId,
          code: await codeSentTo(outbox, "anna@example.org", 1),
        });

        const flow = await startReset(server.api, "anna@contoso.com");
        await server.api.chooseMethod({
          flowId: flow.flowId,
          methodId: flow.methods[0]?.id ?? "",
          contact: "anna@example.org",
        });
        await server.api.verifyCode({
          flowId: flow.flowId,
          code: await codeSentTo(outbox, "anna@example.org", 2),
        });
        const done = await server.api.completeReset({
          flowId: flow.flowId,
          newPassword: "correct horse battery staple",
        });
        expect(done.step).toBe("done");
        await expect(stolen.addContactMethod(ATTACKER)).rejects.toMatchObject({
          code: "unauthenticated",
        });

        // A token taken after the reset works, until an administrator resets the password.
        const after = await server.as("anna");
        expect((await after.addContactMethod(ATTACKER)).pendingId).toBeTruthy();
        const reset = await runCli(["user", "reset", "anna", "--as", "bob", "--temporary"], env);
        expect(reset.code).toBe(0);
        await expect(after.addContactMethod(ATTACKER)).rejects.toMatchObject({
          code: "unauthenticated",
        });
        expect((await (await server.as("anna")).getRegistration()).methods).toHaveLength(1);
      } finally {
        await server.stop();
      }
    } finally {
      await remove();
    }
    // The server and five commands are processes of their own, each compiling its sources on start.
  }, 60_000);
});
