import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "ldapts";
import { describe, expect, it } from "vitest";
import { codeSentTo, startReset, startServerProcess } from "./server-process.js";
import { serviceDn, servicePassword, slapdAvailable, slapdForTests, suffix } from "./slapd.js";

const run = promisify(execFile);

describe.runIf(await slapdAvailable())("sspr serve on a real slapd (directory.ldap)", () => {
  const slapdNow = slapdForTests();

  /** True when ldapwhoami, over ldaps, accepts this DN and password. */
  const whoami = (dn: string, password: string, slapd = slapdNow()) =>
    run("ldapwhoami", ["-x", "-H", slapd.ldapsUrl, "-D", dn, "-w", password], {
      env: { ...process.env, LDAPTLS_CACERT: slapd.caFile },
    }).then(
      ({ stdout }) => stdout.trim() === `dn:${dn}`,
      () => false,
    );

  it("resets a password that ldapwhoami then accepts, and the old one no longer", async () => {
    const slapd = slapdNow();
    const dn = `uid=anna,ou=people,${suffix}`;
    const root = new Client({ url: slapd.url });
    await root.bind(slapd.rootDn, slapd.rootPassword);
    await root.add(dn, {
      objectClass: "inetOrgPerson",
      uid: "anna",
      cn: "Anna de Vries",
      sn: "de Vries",
      mail: "anna@contoso.com",
      userPassword: "an old password",
    });
    await root.unbind();
    const dataDir = await mkdtemp(join(tmpdir(), "sspr-ldap-serve-"));
    const config = join(dataDir, "sspr.config.json");
    await writeFile(
      config,
      JSON.stringify({
        directory: {
          ldap: {
            url: slapd.ldapsUrl,
            caFile: slapd.caFile,
            bindDn: serviceDn,
            bindPassword: servicePassword,
            users: { base: `ou=people,${suffix}` },
          },
        },
      }),
    );
    const env = { SSPR_CONFIG: config, SSPR_DATA_DIR: dataDir };
    const outbox = join(dataDir, "outbox.jsonl");
    const server = await startServerProcess(env);
    try {
      const anna = await server.as("anna");
      const pending = await anna.addContactMethod({ kind: "email", value: "anna@example.org" });
      await anna.verifyContactMethod({
        pendingId: pending.pendingId,
        code: await codeSentTo(outbox, "anna@example.org", 1),
      });
      const flow = await startReset(server.api, "ANNA@contoso.com");
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
      expect(await whoami(dn, "correct horse battery staple")).toBe(true);
      expect(await whoami(dn, "an old password")).toBe(false);
      // The token from before the reset dies with the old password (pwdChangedTime).
      await expect(anna.getRegistration()).rejects.toMatchObject({ code: "unauthenticated" });
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
    // The server and the token command are processes of their own, each compiling on start.
  }, 60_000);
});
