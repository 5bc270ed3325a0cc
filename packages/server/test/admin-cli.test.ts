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

  it("reset, force a change, exempt from expiry, report and export the audit, as a named administrator", async () => {
    const { file, remove } = await sqliteFile();
    const env = { SSPR_DATA_DIR: join(file, "..") };
    try {
      await runCli(["user", "add", "root", "--email", "root@contoso.com", "--admin"], env);
      for (const id of ["anna", "ben"])
        await runCli(
          [
            "user",
            "add",
            id,
            "--email",
            `${id}@contoso.com`,
            "--password",
            `${id}'s first password`,
          ],
          env,
        );

      const unnamed = await runCli(["user", "reset", "anna", "--temporary"], env);
      expect(unnamed).toMatchObject({ code: 1 });
      expect(unnamed.stderr).toMatch(/--as/);
      const notAdmin = await runCli(["user", "reset", "ben", "--temporary", "--as", "anna"], env);
      expect(notAdmin.code).toBe(1);
      expect(notAdmin.stderr).toMatch(/forbidden/);
      const self = await runCli(["user", "reset", "root", "--temporary", "--as", "root"], env);
      expect(self.stderr).toMatch(/self-service/);

      const reset = await runCli(["user", "reset", "anna", "--temporary", "--as", "root"], env);
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(/^Temporary password for anna: [a-z2-9]{4}(-[a-z2-9]{4}){3}\n$/);
      const noAddress = await runCli(["user", "reset", "ben", "--as", "root"], env);
      expect(noAddress.code).toBe(1);

      const forced = await runCli(["user", "force-change", "--all", "--as", "root"], env);
      expect(forced.stdout).toBe("anna\tdone\nben\tdone\nroot\tskipped\tself\n");
      expect(forced.stderr).toContain("done 2, skipped 1, failed 0");
      const exempt = await runCli(["user", "never-expire", "ben", "on", "--as", "root"], env);
      expect(exempt.stdout).toBe("ben: password must-change, never expires: on\n");

      const report = JSON.parse((await runCli(["report", "--as", "root"], env)).stdout);
      expect(report.registration.users).toBe(3);
      expect(report.days).toHaveLength(30);
      expect(report.days.at(-1).adminResets).toBe(1);

      const csv = await runCli(["audit", "--type", "admin.", "--csv", "--as", "root"], env);
      const lines = csv.stdout.trim().split("\r\n");
      expect(lines[0]).toBe("time,event,actor,subject,outcome,detail");
      expect(lines.filter((l) => l.includes(",admin.force-change,root,"))).toHaveLength(2);
      expect(lines.some((l) => /,admin\.password-reset,root,anna,success,/.test(l))).toBe(true);
      expect(csv.stdout).not.toMatch(/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/);
    } finally {
      await remove();
    }
  }, 120_000);
});
