import * as z from "zod/mini";
import { instantSchema, requestString } from "./common.schema.js";

/** A calendar day in UTC, `2026-11-23`. */
const daySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** The period a report covers: whole UTC days, at most a year. */
export const usageReportRequestSchema = z.strictObject({
  from: daySchema,
  to: daySchema,
});
/** Asks for a usage report. */
export type UsageReportRequest = z.infer<typeof usageReportRequestSchema>;

/** What a reset or unlock was verified with: a channel for codes, else the method. */
export const usageMethods = ["email", "sms", "voice", "app", "questions"] as const;
/** A way a reset was verified. */
export type UsageMethod = (typeof usageMethods)[number];

const byMethod = z.strictObject({
  email: z.int(),
  sms: z.int(),
  voice: z.int(),
  app: z.int(),
  questions: z.int(),
});

/** One day of self-service use. */
export const usageDaySchema = z.strictObject({
  day: daySchema,
  /** What completed resets and unlocks were verified with: each method used counts once. */
  byMethod,
  resets: z.int(),
  unlocks: z.int(),
  /** Wrong codes and answers. */
  failedVerifications: z.int(),
  /** Calls refused by a throttle. */
  throttled: z.int(),
  /** Passwords reset by administrators. */
  adminResets: z.int(),
});
/** One day of use. */
export type UsageDay = z.infer<typeof usageDaySchema>;

/** Registration and usage figures, as Entra's "usage and insights" shows them. */
export const usageReportSchema = z.strictObject({
  generatedAt: instantSchema,
  registration: z.strictObject({
    /** Enabled users the policy applies to. */
    users: z.int(),
    /** Of those, users with what the policy requires registered. */
    registered: z.int(),
    /** Users with at least one method of each kind. */
    byKind: z.strictObject({
      email: z.int(),
      phone: z.int(),
      app: z.int(),
      questions: z.int(),
    }),
  }),
  days: z.array(usageDaySchema),
});
/** Registration and usage figures. */
export type UsageReport = z.infer<typeof usageReportSchema>;

/** Filters for the audit log; every one optional; newest first, a page at a time. */
export const auditQuerySchema = z.strictObject({
  actor: z.optional(requestString(z.minLength(1), z.maxLength(256))),
  subject: z.optional(requestString(z.minLength(1), z.maxLength(256))),
  /** An event type such as `reset.completed`, or a prefix ending in `.` such as `admin.`. */
  type: z.optional(z.string().check(z.regex(/^[a-z-]+(\.[a-z-]*)*$/), z.maxLength(64))),
  from: z.optional(instantSchema),
  to: z.optional(instantSchema),
  offset: z.int().check(z.gte(0)),
  limit: z.int().check(z.gte(1), z.lte(1000)),
});
/** Filters for the audit log. */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One line of the audit trail. It never holds a code, answer, password, token or secret. */
export const auditEntrySchema = z.strictObject({
  id: z.string(),
  at: instantSchema,
  type: z.string(),
  actor: z.nullable(z.string()),
  subject: z.nullable(z.string()),
  outcome: z.enum(["success", "failure"]),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
/** One line of the audit trail. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A page of the audit trail; `more` when the filter matches further lines. */
export const auditPageSchema = z.strictObject({
  entries: z.array(auditEntrySchema),
  more: z.boolean(),
});
/** A page of the audit trail. */
export type AuditPage = z.infer<typeof auditPageSchema>;
