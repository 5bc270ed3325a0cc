import {
  type AdminUser,
  type BulkProgress,
  type BulkResetRequest,
  bulkResetRequestSchema,
  type ForceChangeRequest,
  forceChangeRequestSchema,
  type ListUsersRequest,
  listUsersRequestSchema,
  type NeverExpiresRequest,
  neverExpiresRequestSchema,
  normalisePassword,
  type Policy,
  type ResetUserRequest,
  resetUserRequestSchema,
  SsprProblem,
  type UserPage,
  type UserResult,
} from "@sspr/core";
import type { DirectoryUser } from "../adapters/directory.js";
import { randomBelow } from "../crypto/random.js";
import { notifyAdminsOfAdminReset } from "./admin-reset-notice.js";
import { allUsers } from "./all-users.js";
import { audit } from "./audit.js";
import { messageContacts } from "./contact-messages.js";
import type { EngineContext, RequestContext } from "./context.js";
import { sendInvitation } from "./invitations.js";
import { maskEmail } from "./masking.js";
import { type MessageKind, renderMessage } from "./messages.js";
import { newPasswordResults } from "./new-password-rules.js";
import { queueMessage } from "./outbox.js";
import { passwordStatus } from "./password-status.js";
import { currentPolicy, registrationDue } from "./policy-source.js";
import { signedInAdmin } from "./principal.js";
import { validate } from "./validate.js";

const iso = (ms: number) => new Date(ms).toISOString();
// No 0/o, 1/l/i: a temporary password is read off a screen and typed.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A generated temporary password: 4 groups of 4 from 31 characters, about 79 bits. */
function temporaryPassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomBelow(ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

/** Invitations are audited apart: the password changes only when the user uses one. */
const auditType = (mode: ResetUserRequest["mode"]) =>
  mode === "invitation" ? "admin.invitation-sent" : "admin.password-reset";

/** A problem's code, or `internal` for anything else (never the message: it may say too much). */
const reasonOf = (error: unknown) => (error instanceof SsprProblem ? error.code : "internal");

/**
 * Administrators' operations on other users: search, reset one or many (an invitation by
 * default, a temporary password, or a typed one where the policy opts in), force a change at
 * next sign-in, exempt from expiry. Nobody runs these on their own account: administrators
 * reset their own password through self-service, with two methods. Every operation is audited.
 */
export function createAdminUserOperations(ctx: EngineContext) {
  async function lastResetAt(userId: string): Promise<string | null> {
    const [self, byAdmin] = await Promise.all(
      ["reset.completed", "admin.password-reset"].map((type) =>
        ctx.store.listAudit({ subject: userId, type, limit: 1 }),
      ),
    );
    const at = Math.max(self?.[0]?.at ?? 0, byAdmin?.[0]?.at ?? 0);
    return at > 0 ? iso(at) : null;
  }

  async function adminView(policy: Policy, users: DirectoryUser[]): Promise<AdminUser[]> {
    const never = new Set(await ctx.store.listNeverExpires(users.map((u) => u.id)));
    const now = ctx.clock.now();
    return Promise.all(
      users.map(async (user) => {
        const [methods, confirmedAt, state, last] = await Promise.all([
          ctx.store.listMethods(user.id),
          ctx.store.getConfirmedAt(user.id),
          ctx.directory.getPasswordState(user.id),
          lastResetAt(user.id),
        ]);
        return {
          id: user.id,
          identifiers: user.identifiers,
          displayName: user.displayName,
          isAdmin: user.isAdmin,
          disabled: user.disabled,
          locked: user.locked,
          registered: methods.map((m) => m.kind),
          registrationDue: registrationDue(policy, user, methods, confirmedAt, now),
          lastResetAt: last,
          password: passwordStatus(policy, state, never.has(user.id), now),
        };
      }),
    );
  }

  /** Tells the user (and, for an administrator, every other administrator) of a reset. */
  async function notifyReset(
    policy: Policy,
    admin: DirectoryUser,
    user: DirectoryUser,
    locale: RequestContext["locale"],
  ) {
    const tell = async (to: DirectoryUser, message: MessageKind, key: string) =>
      messageContacts(ctx, await ctx.store.listMethods(to.id), message, locale ?? "en", key);
    const key = `admin-reset:${user.id}:${ctx.clock.now()}`;
    if (policy.notifications.notifyUserOnReset) await tell(user, { kind: "reset-by-admin" }, key);
    await notifyAdminsOfAdminReset(ctx, policy, user, admin, locale ?? "en", key);
  }

  /**
   * Sets the password an administrator gave (a change is due at next sign-in) and tells the host
   * at once, so the user's sessions end even when a notice after it fails.
   */
  async function setPasswordFor(userId: string, password: string) {
    await ctx.directory.setPassword(userId, password, { mustChange: true });
    await ctx.onPasswordChanged?.(userId);
  }

  /** Resets one user's password, audited either way; throws a problem when it cannot. */
  async function resetAudited(
    rc: RequestContext,
    admin: DirectoryUser,
    policy: Policy,
    request: ResetUserRequest,
    bulk: boolean,
  ): Promise<UserResult> {
    const entry = { type: auditType(request.mode), actor: admin.id, subject: request.userId };
    try {
      const result = await resetOne(rc, admin, policy, request);
      await audit(ctx, {
        ...entry,
        outcome: "success",
        detail: { mode: request.mode, emailed: request.sendTo !== undefined, bulk },
      });
      return result;
    } catch (error) {
      await audit(ctx, {
        ...entry,
        outcome: "failure",
        detail: { mode: request.mode, reason: reasonOf(error), bulk },
      });
      throw error;
    }
  }

  async function resetOne(
    rc: RequestContext,
    admin: DirectoryUser,
    policy: Policy,
    request: ResetUserRequest,
  ): Promise<UserResult> {
    const user = await ctx.directory.getUser(request.userId);
    if (!user) throw new SsprProblem("not-found");
    if (user.id === admin.id)
      throw new SsprProblem("forbidden", {
        detail: "Administrators reset their own password through self-service, with two methods",
      });
    if (user.disabled) throw new SsprProblem("forbidden", { detail: "The account is disabled" });
    const base = { userId: user.id, outcome: "done" as const };
    let result: UserResult;
    switch (request.mode) {
      case "invitation": {
        const sentTo = await sendInvitation(ctx, user, {
          adminId: admin.id,
          sendTo: request.sendTo,
          locale: rc.locale ?? "en",
        });
        result = { ...base, sentTo };
        break;
      }
      case "temporary": {
        if (!policy.adminReset.temporaryPassword)
          throw new SsprProblem("forbidden", {
            detail: "The policy does not allow temporary passwords",
          });
        const password = temporaryPassword();
        await setPasswordFor(user.id, password);
        if (request.sendTo)
          await queueMessage(ctx, {
            channel: "email",
            to: request.sendTo,
            ...renderMessage(
              { kind: "temporary-password", password },
              "email",
              rc.locale ?? "en",
              ctx.appName,
            ),
          });
        result = {
          ...base,
          temporaryPassword: password,
          ...(request.sendTo ? { sentTo: [maskEmail(request.sendTo)] } : {}),
        };
        break;
      }
      case "chosen": {
        if (!policy.adminReset.chosenPassword)
          throw new SsprProblem("forbidden", {
            detail: "The policy does not allow typed passwords",
          });
        const password = normalisePassword(request.password ?? "");
        const rules = await newPasswordResults(
          ctx,
          policy,
          user,
          await ctx.store.listMethods(user.id),
          password,
        );
        if (!rules.every((r) => r.passed)) throw new SsprProblem("password-rejected", { rules });
        await setPasswordFor(user.id, password);
        result = base;
        break;
      }
    }
    if (request.mode !== "invitation") await notifyReset(policy, admin, user, rc.locale);
    return result;
  }

  /**
   * Runs `each` for every selected user, in order, as a stream: `start` with the count, one
   * `result` per user as it ends (a failure is that user's result, not the end of the run),
   * then the totals. Everyone (`all`) is read from the directory a page at a time, so no run
   * holds the whole directory; the administrator is skipped.
   */
  async function* bulk(
    admin: DirectoryUser,
    selection: { userIds: string[] } | { all: true },
    each: (userId: string) => Promise<UserResult>,
  ): AsyncGenerator<BulkProgress> {
    const counts = { done: 0, skipped: 0, failed: 0 };
    let index = 0;
    const listed = "userIds" in selection ? new Set(selection.userIds) : null;
    async function* ids(): AsyncGenerator<string> {
      if (listed) yield* listed;
      else for await (const user of allUsers(ctx.directory)) yield user.id;
    }
    const total = listed
      ? listed.size
      : (await ctx.directory.listUsers({ offset: 0, limit: 1 })).total;
    yield { type: "start", total };
    for await (const userId of ids()) {
      let result: UserResult;
      if (userId === admin.id) result = { userId, outcome: "skipped", reason: "self" };
      else
        try {
          result = await each(userId);
        } catch (error) {
          result = { userId, outcome: "failed", reason: reasonOf(error) };
        }
      counts[result.outcome] += 1;
      yield { type: "result", index: index++, result };
    }
    yield { type: "end", ...counts };
  }

  return {
    async listUsers(rc: RequestContext, input: ListUsersRequest): Promise<UserPage> {
      await signedInAdmin(ctx, rc);
      const request = validate(listUsersRequestSchema, input);
      const { policy } = await currentPolicy(ctx);
      const { users, total } = await ctx.directory.listUsers({
        ...(request.search ? { search: request.search } : {}),
        offset: request.offset,
        limit: request.limit,
      });
      return { total, users: await adminView(policy, users) };
    },

    async resetUserPassword(rc: RequestContext, input: ResetUserRequest): Promise<UserResult> {
      const admin = await signedInAdmin(ctx, rc);
      const request = validate(resetUserRequestSchema, input);
      const { policy } = await currentPolicy(ctx);
      return resetAudited(rc, admin, policy, request, false);
    },

    /** Validates and authorises before the first line, so a refusal is an ordinary problem. */
    async *bulkResetPasswords(
      rc: RequestContext,
      input: BulkResetRequest,
    ): AsyncGenerator<BulkProgress> {
      const admin = await signedInAdmin(ctx, rc);
      const request = validate(bulkResetRequestSchema, input);
      const { policy } = await currentPolicy(ctx);
      yield* bulk(admin, request, (userId) =>
        resetAudited(rc, admin, policy, { userId, mode: request.mode }, true),
      );
    },

    async *forcePasswordChange(
      rc: RequestContext,
      input: ForceChangeRequest,
    ): AsyncGenerator<BulkProgress> {
      const admin = await signedInAdmin(ctx, rc);
      const request = validate(forceChangeRequestSchema, input);
      yield* bulk(admin, request, async (userId) => {
        const user = await ctx.directory.getUser(userId);
        if (!user) throw new SsprProblem("not-found");
        await ctx.directory.requirePasswordChange(userId);
        await audit(ctx, {
          type: "admin.force-change",
          actor: admin.id,
          subject: userId,
          outcome: "success",
          detail: {},
        });
        return { userId, outcome: "done" };
      });
    },

    async setPasswordNeverExpires(
      rc: RequestContext,
      input: NeverExpiresRequest,
    ): Promise<AdminUser> {
      const admin = await signedInAdmin(ctx, rc);
      const request = validate(neverExpiresRequestSchema, input);
      const user = await ctx.directory.getUser(request.userId);
      if (!user) throw new SsprProblem("not-found");
      await ctx.store.setNeverExpires(user.id, request.neverExpires);
      await audit(ctx, {
        type: "admin.never-expires",
        actor: admin.id,
        subject: user.id,
        outcome: "success",
        detail: { neverExpires: request.neverExpires },
      });
      const { policy } = await currentPolicy(ctx);
      const [view] = await adminView(policy, [user]);
      if (!view) throw new SsprProblem("internal");
      return view;
    },
  };
}
