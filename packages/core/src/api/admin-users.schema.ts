import * as z from "zod/mini";
import { registeredMethodKindSchema } from "../methods/method-kind.js";
import { instantSchema, requestString } from "./common.schema.js";

/** A directory user id, as administrators' operations name users. */
const userIdSchema = requestString(z.minLength(1), z.maxLength(256));

/** Where a user's password stands against the expiry policy. */
export const passwordStatusSchema = z.strictObject({
  /** When the password was last set, or null when the directory does not know. */
  changedAt: z.nullable(instantSchema),
  /** When it expires, or null when it never does (no expiry policy, or never-expire). */
  expiresAt: z.nullable(instantSchema),
  /** `must-change`: an administrator asked for a change at next sign-in; it wins over the rest. */
  state: z.enum(["ok", "expires-soon", "expired", "must-change"]),
  neverExpires: z.boolean(),
});
/** Where a password stands. */
export type PasswordStatus = z.infer<typeof passwordStatusSchema>;

/** A user as administrators see them: registration, last reset, password state. Never a secret. */
export const adminUserSchema = z.strictObject({
  id: z.string(),
  identifiers: z.array(z.string()),
  displayName: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  locked: z.boolean(),
  /** The kinds of method registered, in registration order. */
  registered: z.array(registeredMethodKindSchema),
  /** Whether the user has what the policy requires (`register`) or must re-confirm. */
  registrationDue: z.enum(["none", "register", "reconfirm"]),
  lastResetAt: z.nullable(instantSchema),
  password: passwordStatusSchema,
});
/** A user as administrators see them. */
export type AdminUser = z.infer<typeof adminUserSchema>;

/** A page of users, searched by id, identifier or name (case-insensitive). */
export const listUsersRequestSchema = z.strictObject({
  search: z.optional(requestString(z.trim(), z.maxLength(200))),
  offset: z.int().check(z.gte(0)),
  limit: z.int().check(z.gte(1), z.lte(200)),
});
/** Asks for a page of users. */
export type ListUsersRequest = z.infer<typeof listUsersRequestSchema>;

/** A page of users and how many match in all. */
export const userPageSchema = z.strictObject({
  total: z.int(),
  users: z.array(adminUserSchema),
});
/** A page of users. */
export type UserPage = z.infer<typeof userPageSchema>;

/**
 * How an administrator resets someone's password (ASVS 5 6.4.6: start a reset, do not learn
 * the password): `invitation` (the default) sends a single-use link that starts the user's own
 * reset without registered methods; `temporary` generates a password shown once, changed at
 * next sign-in; `chosen` sets the password the administrator typed, only where the policy allows.
 */
export const adminResetModeSchema = z.enum(["invitation", "temporary", "chosen"]);
/** How an administrator resets a password. */
export type AdminResetMode = z.infer<typeof adminResetModeSchema>;

/** What a reset by an administrator needs besides whom: the way, and where to send it. */
const adminResetOptions = {
  mode: adminResetModeSchema,
  /** `chosen`: the password the administrator typed (the policy's rules apply). */
  password: z.optional(requestString(z.minLength(1), z.maxLength(1024))),
  /**
   * `invitation`: also send it here (the user's registered contacts always get it);
   * `temporary`: email the password here.
   */
  sendTo: z.optional(z.email().check(z.maxLength(320))),
};

/** Resets one user's password. */
export const resetUserRequestSchema = z.strictObject({
  userId: userIdSchema,
  ...adminResetOptions,
});
/** Resets one user's password. */
export type ResetUserRequest = z.infer<typeof resetUserRequestSchema>;

/** Whom a bulk operation concerns: the listed users, or everyone but the administrator. */
const selection = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z.union([
    z.strictObject({
      userIds: z.array(userIdSchema).check(z.minLength(1), z.maxLength(100_000)),
      ...shape,
    }),
    z.strictObject({ all: z.literal(true), ...shape }),
  ]);

/**
 * Resets many users' passwords the same way, with no cap on how many. Never `chosen`: one
 * password the administrator knows for many people is what the policy option must not allow.
 */
export const bulkResetRequestSchema = selection({ mode: z.enum(["invitation", "temporary"]) });
/** Resets many passwords. */
export type BulkResetRequest = z.infer<typeof bulkResetRequestSchema>;

/** Asks the selected users (or everyone but the administrator) to change password at next sign-in. */
export const forceChangeRequestSchema = selection({});
/** Forces a change at next sign-in. */
export type ForceChangeRequest = z.infer<typeof forceChangeRequestSchema>;

/** How an operation on one user ended. `temporaryPassword` is shown once and never stored. */
export const userResultSchema = z.strictObject({
  userId: z.string(),
  outcome: z.enum(["done", "skipped", "failed"]),
  /** Why it was skipped or failed: a problem code such as `forbidden` or `not-found`. */
  reason: z.optional(z.string()),
  temporaryPassword: z.optional(z.string()),
  /** Where an invitation or a temporary password was sent, masked. */
  sentTo: z.optional(z.array(z.string())),
});
/** How an operation on one user ended. */
export type UserResult = z.infer<typeof userResultSchema>;

/**
 * One line of a bulk operation's answer, streamed as it happens: first how many users, then
 * each user's result, then the totals.
 */
export const bulkProgressSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("start"), total: z.int() }),
  z.strictObject({ type: z.literal("result"), index: z.int(), result: userResultSchema }),
  z.strictObject({
    type: z.literal("end"),
    done: z.int(),
    skipped: z.int(),
    failed: z.int(),
  }),
]);
/** One line of a bulk operation's progress. */
export type BulkProgress = z.infer<typeof bulkProgressSchema>;

/** Lets one user's password never expire, or follow the policy again. */
export const neverExpiresRequestSchema = z.strictObject({
  userId: userIdSchema,
  neverExpires: z.boolean(),
});
/** Sets never-expire for a user. */
export type NeverExpiresRequest = z.infer<typeof neverExpiresRequestSchema>;
