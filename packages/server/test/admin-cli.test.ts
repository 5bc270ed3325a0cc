import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { sqliteFile } from "./services.js";

describe("sspr's admin commands", () => {
  it("add, list and disable users; show and set the policy; refuse a bad one", async () => {
    const { file, remove } = await sqliteFile();
    const env = { SSPR_DATA_DIR: join(file, "..") };
    try {
      const migrated = await runCli(["migrate"], env);
      expect(migrated).toMatchObject({
        code: 0,
        stdout: "Applied 001-store, 002-directory, 003-password-expiry\n",
      });
      expect((await runCli(["migrate"], env)).stdout).toBe("The database is up to date\n");
      const added = await runCli(
        ["user", "add", "root", "--email", "root@contoso.com", "--admin"],
        env,
      );
      expect(added.code).toBe(0);
      expect(added.stdout).toMatch(/^Added root with password \S{16}\n$/);
      await runCli(
        [
          "user",
          "add",
          "bob",
          "--email",
          "bob@contoso.com",
          "--name",
          "Bob",
          "--password",
          "bob's password",
        ],
        env,
      );
      expect((await runCli(["user", "disable", "bob"], env)).stdout).toBe("Disabled bob\n");
      expect((await runCli(["user", "list"], env)).stdout).toBe(
        "bob\tbob@contoso.com\tBob\t\tdisabled\nroot\troot@contoso.com\troot\tadmin\n",
      );
      const missing = await runCli(["user", "disable", "nobody"], env);
      expect(missing).toMatchObject({ code: 1, stderr: "No user nobody\n" });

      expect(JSON.parse((await runCli(["policy", "show"], env)).stdout).version).toBe(0);
      const set = await runCli(
        ["policy", "set", "methodsRequired=2", "password.minLength=15"],
        env,
      );
      expect(set).toMatchObject({ code: 0, stdout: "Saved the policy as version 1\n" });
      const shown = JSON.parse((await runCli(["policy", "show"], env)).stdout);
      expect(shown.version).toBe(1);
      expect(shown.policy.methodsRequired).toBe(2);
      expect(shown.policy.password.minLength).toBe(15);
      const bad = await runCli(["policy", "set", "password.minLength=4"], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/password\.minLength/);
      const unknown = await runCli(["policy", "set", "password.minLenght=20"], env);
      expect(unknown).toMatchObject({ code: 1, stderr: "No policy setting password.minLenght\n" });

      const token = await runCli(["token", "root"], env);
      expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      expect((await runCli(["nonsense"], env)).code).toBe(2);
    } finally {
      await remove();
    }
    // Each command is a process of its own, compiling its sources on start.
  }, 90_000);
});
