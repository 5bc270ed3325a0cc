import { z } from "zod";

const attribute = z.string().regex(/^[A-Za-z][\w-]*$/, "An attribute name such as uid");

/**
 * `directory.ldap`: users, passwords, groups and lock state in an LDAP server (OpenLDAP with the
 * ppolicy overlay, or Active Directory) instead of sspr's own user table.
 */
export const ldapDirectorySchema = z.strictObject({
  /** `ldaps://host:636`, or `ldap://host:389` with `startTls`. */
  url: z.url({ protocol: /^ldaps?$/ }),
  startTls: z.boolean().default(false),
  /** The CA certificate (PEM) the server's certificate must chain to; default: the system's. */
  caFile: z.string().min(1).optional(),
  /** `openldap`: password-modify extended operation, ppolicy attributes. `ad`: unicodePwd, lockoutTime, pwdLastSet. */
  kind: z.enum(["openldap", "ad"]).default("openldap"),
  /** The service account sspr binds as to search, set passwords and unlock. */
  bindDn: z.string().min(1),
  bindPassword: z.string().min(1),
  /** Every LDAP operation (and connecting) gives up after this long: `directory-unavailable`. */
  timeoutMs: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** Service-account connections kept open and shared by all requests. */
  poolSize: z.coerce.number().int().min(1).max(64).default(4),
  users: z.strictObject({
    base: z.string().min(1),
    /** Which entries under `base` are users. */
    filter: z.string().startsWith("(").default("(objectClass=inetOrgPerson)"),
    /** The attribute whose value is sspr's user id (stable and unique). */
    idAttribute: attribute.default("uid"),
    /** The attributes a user may type to start a reset, in the order they are shown. */
    identifierAttributes: z.array(attribute).min(1).default(["uid", "mail"]),
    displayNameAttribute: attribute.default("cn"),
  }),
  /** Groups: from each user's `memberOf` by default, or by searching `base` for `(member=<dn>)`. */
  groups: z
    .strictObject({
      base: z.string().min(1).optional(),
      /** Members of this group (its common name) are sspr administrators. */
      adminGroup: z.string().min(1).optional(),
    })
    .prefault({}),
  /** Where the organisation keeps each user's contacts. */
  contacts: z
    .strictObject({
      email: attribute.default("mail"),
      mobile: attribute.default("mobile"),
      alternateEmail: attribute.optional(),
    })
    .prefault({}),
});

/** The LDAP directory's configuration with its defaults. */
export type LdapDirectoryConfig = z.output<typeof ldapDirectorySchema>;
