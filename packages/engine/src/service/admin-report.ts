import {
  type AuditPage,
  type AuditQuery,
  auditQuerySchema,
  SsprProblem,
  type UsageDay,
  type UsageReport,
  type UsageReportRequest,
  usageMethods,
  usageReportRequestSchema,
} from "@sspr/core";
import type { AuditEvent } from "../adapters/store.js";
import { allUsers } from "./all-users.js";
import type { EngineContext, RequestContext } from "./context.js";
import { currentPolicy, isEnabledFor, requiredFor, usableMethods } from "./policy-source.js";
import { signedInAdmin } from "./principal.js";
import { validate } from "./validate.js";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => iso(ms).slice(0, 10);

const emptyDay = (day: string): UsageDay => ({
  day,
  byMethod: { email: 0, sms: 0, voice: 0, app: 0, questions: 0 },
  resets: 0,
  unlocks: 0,
  failedVerifications: 0,
  throttled: 0,
  adminResets: 0,
});

/** Adds one audit event to its day's figures. */
function count(day: UsageDay, event: AuditEvent): void {
  const verifiedWith = () => {
    for (const method of String(event.detail.via ?? "").split(","))
      if ((usageMethods as readonly string[]).includes(method))
        day.byMethod[method as (typeof usageMethods)[number]] += 1;
  };
  switch (event.type) {
    case "reset.completed":
      day.resets += 1;
      verifiedWith();
      break;
    case "reset.unlocked":
      day.unlocks += 1;
      verifiedWith();
      break;
    case "reset.verify-failed":
      day.failedVerifications += 1;
      break;
    case "throttle.refused":
      day.throttled += 1;
      break;
    case "admin.password-reset":
      if (event.outcome === "success") day.adminResets += 1;
      break;
  }
}

/** Registration and usage figures, and the audit trail, for administrators. */
export function createReportOperations(ctx: EngineContext) {
  async function registration(): Promise<UsageReport["registration"]> {
    const { policy } = await currentPolicy(ctx);
    const figures = {
      users: 0,
      registered: 0,
      byKind: { email: 0, phone: 0, app: 0, questions: 0 },
    };
    for await (const user of allUsers(ctx.directory)) {
      if (user.disabled || !isEnabledFor(policy, user)) continue;
      const methods = await ctx.store.listMethods(user.id);
      figures.users += 1;
      if (usableMethods(policy, user, methods).length >= requiredFor(policy, user))
        figures.registered += 1;
      for (const kind of new Set(methods.map((m) => m.kind))) figures.byKind[kind] += 1;
    }
    return figures;
  }

  return {
    async getUsageReport(rc: RequestContext, input: UsageReportRequest): Promise<UsageReport> {
      await signedInAdmin(ctx, rc);
      const request = validate(usageReportRequestSchema, input);
      const from = Date.parse(`${request.from}T00:00:00Z`);
      const to = Date.parse(`${request.to}T00:00:00Z`);
      if (!(from <= to) || (to - from) / DAY > 366)
        throw new SsprProblem("invalid-request", {
          errors: [{ path: "to", message: "From a day to the same day or later, at most a year" }],
        });
      const days = new Map<string, UsageDay>();
      for (let at = from; at <= to; at += DAY) days.set(dayOf(at), emptyDay(dayOf(at)));
      for (const event of await ctx.store.listAudit({ from, to: to + DAY - 1 })) {
        const day = days.get(dayOf(event.at));
        if (day) count(day, event);
      }
      return {
        generatedAt: iso(ctx.clock.now()),
        registration: await registration(),
        days: [...days.values()],
      };
    },

    async listAuditEvents(rc: RequestContext, input: AuditQuery): Promise<AuditPage> {
      await signedInAdmin(ctx, rc);
      const query = validate(auditQuerySchema, input);
      // One line more than asked says whether there are more.
      const events = await ctx.store.listAudit({
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.subject ? { subject: query.subject } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.from ? { from: Date.parse(query.from) } : {}),
        ...(query.to ? { to: Date.parse(query.to) } : {}),
        offset: query.offset,
        limit: query.limit + 1,
      });
      return {
        entries: events.slice(0, query.limit).map((e) => ({ ...e, at: iso(e.at) })),
        more: events.length > query.limit,
      };
    },
  };
}
