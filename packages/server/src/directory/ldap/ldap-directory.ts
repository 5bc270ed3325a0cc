import type { Directory, DirectoryUser, PasswordState, UserQuery } from "@sspr/engine";
import {
  Attribute,
  BerWriter,
  Change,
  type Client,
  Control,
  type Entry,
  escapeFilter,
  Filter,
  NoSuchAttributeError,
} from "ldapts";
import { LdapConnections } from "./ldap-connections.js";
import type { LdapDirectoryConfig } from "./ldap-directory.schema.js";
import { fromFiletime, fromGeneralizedTime } from "./ldap-times.js";
import { refusalOf } from "./password-refusals.js";
import { historyHashes, isStoredPassword } from "./stored-passwords.js";

/** RFC 3062's password-modify extended operation. */
const PASSWORD_MODIFY = "1.3.6.1.4.1.4203.1.11.1";
/** ppolicy's mark for an account an administrator locked for good: sspr reads it as disabled. */
const LOCKED_FOR_GOOD = "000001010000Z";
/** AD's userAccountControl bit for a disabled account. */
const ACCOUNTDISABLE = 2;

/** AD's LDAP_SERVER_POLICY_HINTS: a reset by the service account still applies password history. */
class PolicyHintsControl extends Control {
  constructor() {
    super("1.2.840.113556.1.4.2239", { critical: false });
  }
  protected override writeControl(writer: BerWriter) {
    const value = new BerWriter();
    value.startSequence();
    value.writeInt(1);
    value.endSequence();
    writer.writeBuffer(value.buffer, 4);
  }
}

/** A user's contacts as the directory keeps them (not yet offered by the `Directory` interface). */
export interface DirectoryContacts {
  emails: string[];
  mobiles: string[];
}

/**
 * Users in an LDAP server: OpenLDAP (passwords set with the password-modify extended operation
 * so ppolicy's history and quality apply; lock state in `pwdAccountLockedTime`, change time in
 * `pwdChangedTime`, a change due in `pwdReset`) or Active Directory (`unicodePwd` as quoted
 * UTF-16LE over TLS with the policy-hints control, `lockoutTime`, `pwdLastSet`,
 * `userAccountControl`). Every identifier is escaped per RFC 4515 before it enters a filter.
 */
export class LdapDirectory implements Directory {
  readonly #config: LdapDirectoryConfig;
  readonly #ldap: LdapConnections;
  readonly #attributes: string[];

  constructor(config: LdapDirectoryConfig) {
    this.#config = config;
    this.#ldap = new LdapConnections(config);
    const { users, contacts } = config;
    this.#attributes = [
      users.idAttribute,
      ...users.identifierAttributes,
      users.displayNameAttribute,
      contacts.email,
      contacts.mobile,
      ...(contacts.alternateEmail ? [contacts.alternateEmail] : []),
      "memberOf",
      ...(config.kind === "ad"
        ? ["lockoutTime", "pwdLastSet", "userAccountControl"]
        : ["pwdAccountLockedTime", "pwdChangedTime", "pwdReset", "createTimestamp"]),
    ];
  }

  async findUser(identifier: string) {
    const value = identifier.trim();
    // slapd matches up to a NUL (escaped or not); no identifier holds a control character.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is refused
    if (value === "" || /[\u0000-\u001f\u007f]/.test(value)) return null;
    const any = this.#config.users.identifierAttributes
      .map((attribute) => `(${attribute}=${Filter.escape(value)})`)
      .join("");
    return this.#toUser(await this.#one(`(|${any})`));
  }

  async getUser(userId: string) {
    return this.#toUser(await this.#byId(userId));
  }

  async listUsers(query: UserQuery) {
    const search = query.search?.trim() ?? "";
    const { users } = this.#config;
    const matching = search
      ? `(|${[users.idAttribute, users.displayNameAttribute, ...users.identifierAttributes]
          .map((attribute) => `(${attribute}=*${Filter.escape(search)}*)`)
          .join("")})`
      : "";
    // LDAP has no offset: the matching entries are read (paged) and ordered here.
    const entries = await this.#search(matching);
    const all = (await Promise.all(entries.map((entry) => this.#toUser(entry))))
      .filter((user): user is DirectoryUser => user !== null)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { users: all.slice(query.offset, query.offset + query.limit), total: all.length };
  }

  async verifyPassword(userId: string, password: string) {
    const entry = await this.#byId(userId);
    return entry ? this.#ldap.bindsAs(entry.dn, password) : false;
  }

  /**
   * OpenLDAP: the current hash or one of the `historyCount` newest in `pwdHistory` (read as the
   * service account). Active Directory keeps its history unreadable: false, and the server
   * refuses a reused password when it is set (a `password-rejected` problem).
   */
  async isPasswordReused(userId: string, password: string, historyCount: number) {
    if (this.#config.kind === "ad") return false;
    const entry = await this.#byId(userId, ["userPassword", "pwdHistory"]);
    if (!entry) return false;
    const hashes = [
      ...values(entry, "userPassword"),
      ...historyHashes(values(entry, "pwdHistory")).slice(0, historyCount),
    ];
    return hashes.some((hash) => isStoredPassword(hash, password));
  }

  /**
   * Sets the password as the service account, so the server's own policy applies; a refusal
   * (history, quality, length) is the `password-rejected` problem with the rule it broke.
   */
  async setPassword(userId: string, password: string, options: { mustChange: boolean }) {
    const entry = await this.#byId(userId, ["1.1"]);
    if (!entry) throw new Error(`No user ${userId}`);
    await this.#ldap.asService(async (client) => {
      try {
        if (this.#config.kind === "ad") await setUnicodePwd(client, entry.dn, password);
        else await client.exop(PASSWORD_MODIFY, passwordModifyValue(entry.dn, password));
      } catch (error) {
        throw refusalOf(error);
      }
      await this.#setMustChange(client, entry.dn, options.mustChange);
    });
  }

  async getPasswordState(userId: string): Promise<PasswordState | null> {
    const entry = await this.#byId(userId);
    if (!entry) return null;
    if (this.#config.kind === "ad") {
      const lastSet = first(entry, "pwdLastSet") ?? "";
      return { changedAt: fromFiletime(lastSet), mustChange: lastSet === "0" };
    }
    // slapd writes pwdChangedTime from the first change on; before it, the entry's creation.
    const changed = first(entry, "pwdChangedTime") ?? first(entry, "createTimestamp");
    return {
      changedAt: changed ? fromGeneralizedTime(changed) : null,
      mustChange: first(entry, "pwdReset")?.toUpperCase() === "TRUE",
    };
  }

  async requirePasswordChange(userId: string) {
    const entry = await this.#byId(userId, ["1.1"]);
    if (entry) await this.#ldap.asService((client) => this.#setMustChange(client, entry.dn, true));
  }

  async unlock(userId: string) {
    const entry = await this.#byId(userId);
    if (!entry) return;
    await this.#ldap.asService(async (client) => {
      if (this.#config.kind === "ad") return replace(client, entry.dn, "lockoutTime", "0");
      if (first(entry, "pwdAccountLockedTime") === LOCKED_FOR_GOOD) return;
      await remove(client, entry.dn, "pwdAccountLockedTime");
    });
  }

  /** The contacts the organisation keeps for a user: mail and the alternate email, mobile. */
  async getContacts(userId: string): Promise<DirectoryContacts | null> {
    const entry = await this.#byId(userId);
    if (!entry) return null;
    const { email, mobile, alternateEmail } = this.#config.contacts;
    return {
      emails: [...values(entry, email), ...(alternateEmail ? values(entry, alternateEmail) : [])],
      mobiles: values(entry, mobile),
    };
  }

  /** Closes the pooled connections. */
  close(): Promise<void> {
    return this.#ldap.close();
  }

  async #setMustChange(client: Client, dn: string, mustChange: boolean) {
    if (this.#config.kind === "ad") {
      // Setting unicodePwd stamps pwdLastSet now; 0 asks for a change at next sign-in.
      if (mustChange) await replace(client, dn, "pwdLastSet", "0");
    } else if (mustChange) await replace(client, dn, "pwdReset", "TRUE");
    else await remove(client, dn, "pwdReset");
  }

  #byId(userId: string, attributes?: string[]) {
    return this.#one(escapeFilter`(${this.#config.users.idAttribute}=${userId})`, attributes);
  }

  /** The only user entry matching `filter`; null for none, and for an ambiguous identifier. */
  async #one(filter: string, attributes?: string[]): Promise<Entry | null> {
    const entries = await this.#search(filter, attributes, 2);
    return entries.length === 1 ? (entries[0] ?? null) : null;
  }

  async #search(filter: string, attributes = this.#attributes, sizeLimit = 0): Promise<Entry[]> {
    const { base, filter: users } = this.#config.users;
    return this.#ldap.asService(async (client) => {
      const { searchEntries } = await client.search(base, {
        scope: "sub",
        filter: `(&${users}${filter})`,
        attributes,
        sizeLimit,
        ...(sizeLimit === 0 ? { paged: { pageSize: 500 } } : {}),
        explicitBufferAttributes: ["unicodePwd"],
      });
      return searchEntries;
    });
  }

  async #toUser(entry: Entry | null): Promise<DirectoryUser | null> {
    if (!entry) return null;
    const { users, groups: groupConfig } = this.#config;
    const id = first(entry, users.idAttribute);
    if (!id) return null;
    const groups = await this.#groupsOf(entry);
    const ad = this.#config.kind === "ad";
    const lockedTime = first(entry, ad ? "lockoutTime" : "pwdAccountLockedTime");
    const disabled = ad
      ? (Number(first(entry, "userAccountControl") ?? 0) & ACCOUNTDISABLE) !== 0
      : lockedTime === LOCKED_FOR_GOOD;
    return {
      id,
      identifiers: users.identifierAttributes.flatMap((attribute) => values(entry, attribute)),
      displayName: first(entry, users.displayNameAttribute) ?? id,
      groups,
      isAdmin: groupConfig.adminGroup !== undefined && groups.includes(groupConfig.adminGroup),
      disabled,
      locked: !disabled && lockedTime !== undefined && lockedTime !== "0",
    };
  }

  /** Group common names: from `memberOf`, or a search of the group base for the member's DN. */
  async #groupsOf(entry: Entry): Promise<string[]> {
    const base = this.#config.groups.base;
    const dns = base
      ? await this.#ldap.asService(async (client) => {
          const { searchEntries } = await client.search(base, {
            scope: "sub",
            filter: escapeFilter`(|(member=${entry.dn})(uniqueMember=${entry.dn}))`,
            attributes: ["1.1"],
          });
          return searchEntries.map((group) => group.dn);
        })
      : values(entry, "memberOf");
    return dns.map(commonName).filter((name): name is string => name !== undefined);
  }
}

/** The value of the first RDN of a DN (`cn=staff,ou=groups,...` is `staff`). */
function commonName(dn: string): string | undefined {
  return /^[^=]+=((?:\\.|[^,\\])*)/.exec(dn)?.[1]?.replace(/\\(.)/g, "$1");
}

/** An attribute's values as strings, whatever case the server spelt its name in. */
function values(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key ? entry[key] : undefined;
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.toString());
}

const first = (entry: Entry, attribute: string) => values(entry, attribute)[0];

/** The password-modify request: the user's DN [0] and the new password [2] (RFC 3062). */
function passwordModifyValue(dn: string, password: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeBuffer(Buffer.from(dn, "utf8"), 0x80);
  writer.writeBuffer(Buffer.from(password, "utf8"), 0x82);
  writer.endSequence();
  return writer.buffer;
}

/** AD's password: the password in double quotes, UTF-16LE, replaced over TLS. */
function setUnicodePwd(client: Client, dn: string, password: string) {
  return client.modify(
    dn,
    new Change({
      operation: "replace",
      modification: new Attribute({
        type: "unicodePwd",
        values: [Buffer.from(`"${password}"`, "utf16le")],
      }),
    }),
    new PolicyHintsControl(),
  );
}

function replace(client: Client, dn: string, type: string, value: string) {
  return client.modify(
    dn,
    new Change({ operation: "replace", modification: new Attribute({ type, values: [value] }) }),
  );
}

/** Removes an attribute; one that is not there is already removed. */
async function remove(client: Client, dn: string, type: string) {
  try {
    await client.modify(
      dn,
      new Change({ operation: "delete", modification: new Attribute({ type, values: [] }) }),
    );
  } catch (error) {
    if (!(error instanceof NoSuchAttributeError)) throw error;
  }
}
