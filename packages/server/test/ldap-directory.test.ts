import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { SsprProblem } from "@sspr/core";
import type { DirectoryUser } from "@sspr/engine";
import { describeDirectoryConformance } from "@sspr/engine/conformance";
import { Attribute, Change, Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LdapDirectory } from "../src/directory/ldap/ldap-directory.js";
import {
  type LdapDirectoryConfig,
  ldapDirectorySchema,
} from "../src/directory/ldap/ldap-directory.schema.js";
import {
  serviceDn,
  servicePassword,
  slapdAvailable,
  slapdForTests,
  suffix,
  type TestSlapd,
} from "./slapd.js";

const run = promisify(execFile);

describe.runIf(await slapdAvailable())("the LDAP directory on a real slapd", () => {
  const slapdNow = slapdForTests();
  let slapd: TestSlapd;
  const opened: LdapDirectory[] = [];
  beforeAll(() => {
    slapd = slapdNow();
  });
  afterAll(() => Promise.all(opened.map((d) => d.close())));

  /** Seeds as the root DN (never sspr's account). */
  async function asRoot<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: slapd.url });
    try {
      await client.bind(slapd.rootDn, slapd.rootPassword);
      return await work(client);
    } finally {
      await client.unbind();
    }
  }

  /** A fresh organisational unit of its own, and the configuration of a directory on it. */
  async function freshBase(overrides: Partial<LdapDirectoryConfig> = {}) {
    const base = `ou=run-${randomBytes(4).toString("hex")},${suffix}`;
    await asRoot((c) => c.add(base, { objectClass: "organizationalUnit", ou: base.slice(3, 15) }));
    const config = ldapDirectorySchema.parse({
      url: slapd.url,
      startTls: true,
      caFile: slapd.caFile,
      bindDn: serviceDn,
      bindPassword: servicePassword,
      users: {
        base,
        idAttribute: "uid",
        identifierAttributes: ["mail", "sAMAccountName"],
        displayNameAttribute: "cn",
      },
      groups: { adminGroup: "admins" },
      contacts: { alternateEmail: "otherMailbox" },
      ...overrides,
    });
    const directory = new LdapDirectory(config);
    opened.push(directory);
    return { base, config, directory };
  }

  /** Adds a user (first identifier as mail, second as sAMAccountName) and their groups. */
  async function seedInto(base: string, user: DirectoryUser, password: string, extra = {}) {
    const dn = `uid=${user.id},${base}`;
    const [mail, account] = user.identifiers;
    await asRoot(async (client) => {
      await client.add(dn, {
        objectClass: ["inetOrgPerson", "ssprAdLikeUser"],
        uid: user.id,
        cn: user.displayName,
        sn: user.displayName,
        ...(mail ? { mail } : {}),
        ...(account ? { sAMAccountName: account } : {}),
        userPassword: password,
        ...extra,
      });
      if (user.locked)
        await replaceAttribute(client, dn, "pwdAccountLockedTime", "20260101000000Z");
      for (const group of [...user.groups, ...(user.isAdmin ? ["admins"] : [])]) {
        const groupDn = `cn=${group},${base}`;
        try {
          await client.add(groupDn, { objectClass: "groupOfNames", cn: group, member: dn });
        } catch {
          await client.modify(
            groupDn,
            new Change({
              operation: "add",
              modification: new Attribute({ type: "member", values: [dn] }),
            }),
          );
        }
      }
    });
    return dn;
  }

  describeDirectoryConformance("LDAP directory (OpenLDAP with ppolicy, StartTLS)", async () => {
    const { base, directory } = await freshBase();
    return {
      directory,
      seed: async (user, password) => {
        await seedInto(base, user, password);
      },
      serverClock: true,
    };
  });

  const person = (id: string, identifiers: string[]): DirectoryUser => ({
    id,
    identifiers,
    displayName: `Person ${id}`,
    groups: [],
    isAdmin: false,
    disabled: false,
    locked: false,
  });

  it("treats hostile identifiers as plain text (RFC 4515): *, )(, NUL and backslashes find nobody else", async () => {
    const { base, directory } = await freshBase();
    await seedInto(base, person("anna", ["anna@contoso.com", "advries"]), "first password one");
    await seedInto(base, person("odd", ["odd@contoso.com", "a*b)(c\\d"]), "odd password one");
    for (const hostile of [
      "*",
      "a*",
      "*)(uid=*",
      ")(|(uid=*",
      "anna@contoso.com\u0000",
      "\\2a",
      "\\",
    ])
      expect(await directory.findUser(hostile)).toBeNull();
    expect((await directory.findUser("a*b)(c\\d"))?.id).toBe("odd");
    expect(await directory.getUser("*")).toBeNull();
    expect((await directory.listUsers({ search: "*", offset: 0, limit: 10 })).users).toEqual([
      expect.objectContaining({ id: "odd" }),
    ]);
    expect((await directory.listUsers({ search: ")(", offset: 0, limit: 10 })).total).toBe(1);
    expect(await directory.verifyPassword("*", "first password one")).toBe(false);
  });

  it("maps ppolicy's refusals to sspr's rules: history and quality", async () => {
    const { base, directory } = await freshBase();
    await seedInto(base, person("anna", ["anna@contoso.com"]), "first password one");
    await directory.setPassword("anna", "second password two", { mustChange: false });
    const refusal = (password: string) =>
      directory.setPassword("anna", password, { mustChange: false }).then(
        () => null,
        (error: unknown) => (error instanceof SsprProblem ? error.problem : error),
      );
    expect(await refusal("first password one")).toMatchObject({
      code: "password-rejected",
      rules: [{ rule: "history", passed: false }],
    });
    expect(await refusal("short")).toMatchObject({
      code: "password-rejected",
      rules: [{ rule: "strength", passed: false }],
    });
    expect(await directory.verifyPassword("anna", "second password two")).toBe(true);
  });

  it("reads groups from memberOf or a group search, the administrator group, and contacts", async () => {
    const { base, directory } = await freshBase();
    await seedInto(
      base,
      { ...person("anna", ["anna@contoso.com"]), groups: ["staff"], isAdmin: true },
      "first password one",
      { mobile: "+31612345678", otherMailbox: "anna@home.example" },
    );
    expect(await directory.getUser("anna")).toMatchObject({
      groups: expect.arrayContaining(["staff", "admins"]),
      isAdmin: true,
    });
    expect(await directory.getContacts("anna")).toEqual({
      emails: ["anna@contoso.com", "anna@home.example"],
      mobiles: ["+31612345678"],
    });
    const bySearch = await freshBase({
      users: { ...(await freshBase()).config.users, base },
      groups: { base, adminGroup: "nobody" },
    });
    expect(await bySearch.directory.getUser("anna")).toMatchObject({
      groups: expect.arrayContaining(["staff", "admins"]),
      isAdmin: false,
    });
  });

  it("reads an account locked for good by an administrator as disabled, and leaves it so", async () => {
    const { base, directory } = await freshBase();
    await seedInto(base, person("gone", ["gone@contoso.com"]), "first password one", {});
    await asRoot((c) =>
      replaceAttribute(c, `uid=gone,${base}`, "pwdAccountLockedTime", "000001010000Z"),
    );
    expect(await directory.getUser("gone")).toMatchObject({ disabled: true, locked: false });
    await directory.unlock("gone");
    expect(await directory.getUser("gone")).toMatchObject({ disabled: true });
  });

  it("writes AD's unicodePwd as quoted UTF-16LE and reads lockoutTime, pwdLastSet and userAccountControl (AD-like attributes on slapd)", async () => {
    const { base, directory } = await freshBase({
      kind: "ad",
      url: slapd.ldapsUrl,
      startTls: false,
    });
    const dn = await seedInto(base, person("ad", ["ad@contoso.com", "ADUSER"]), "unused", {
      lockoutTime: "133800000000000000",
      pwdLastSet: "133800000000000000",
      userAccountControl: "512",
    });
    expect(await directory.findUser("aduser")).toMatchObject({ id: "ad", locked: true });
    expect(await directory.getPasswordState("ad")).toEqual({
      changedAt: 13_380_000_000_000 - 11_644_473_600_000,
      mustChange: false,
    });
    await directory.unlock("ad");
    await directory.setPassword("ad", "Ünïcode pässword", { mustChange: true });
    const entry = await asRoot(
      async (c) =>
        (
          await c.search(dn, {
            scope: "base",
            attributes: ["unicodePwd", "pwdLastSet", "lockoutTime"],
            explicitBufferAttributes: ["unicodePwd"],
          })
        ).searchEntries[0],
    );
    expect(entry?.unicodePwd).toEqual(Buffer.from('"Ünïcode pässword"', "utf16le"));
    expect(entry?.lockoutTime).toBe("0");
    expect(entry?.pwdLastSet).toBe("0");
    expect(await directory.getPasswordState("ad")).toEqual({ changedAt: null, mustChange: true });
    await asRoot((c) => replaceAttribute(c, dn, "userAccountControl", "514"));
    expect(await directory.getUser("ad")).toMatchObject({ disabled: true });
  });

  it("answers directory-unavailable, not a hang or a 500, when the server does not answer", async () => {
    const { config } = await freshBase();
    const gone = new LdapDirectory({ ...config, url: "ldap://127.0.0.1:1", timeoutMs: 500 });
    opened.push(gone);
    await expect(gone.findUser("anna@contoso.com")).rejects.toMatchObject({
      problem: { code: "directory-unavailable", status: 503, retryAfterSeconds: 5 },
    });
  });

  it("checks a password with the server's own bind, so ldapwhoami agrees", async () => {
    const { base, directory } = await freshBase();
    const dn = await seedInto(base, person("anna", ["anna@contoso.com"]), "first password one");
    await directory.setPassword("anna", "a brand new password", { mustChange: false });
    const { stdout } = await run(
      "ldapwhoami",
      ["-x", "-ZZ", "-H", slapd.url, "-D", dn, "-w", "a brand new password"],
      { env: { ...process.env, LDAPTLS_CACERT: slapd.caFile } },
    );
    expect(stdout.trim()).toBe(`dn:${dn}`);
  });
});

function replaceAttribute(client: Client, dn: string, type: string, value: string) {
  return client.modify(
    dn,
    new Change({ operation: "replace", modification: new Attribute({ type, values: [value] }) }),
  );
}
