import * as z from "zod/mini";
import { type ProblemCode, problemCodes } from "./problem.js";

const codeNames = Object.keys(problemCodes) as [ProblemCode, ...ProblemCode[]];

/** One field that failed validation, by its path in the request. */
export const fieldErrorSchema = z.strictObject({
  path: z.string(),
  message: z.string(),
});
/** A field that failed validation. */
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The outcome of one password rule, as the evaluator reports it. */
export const ruleResultSchema = z.strictObject({
  rule: z.enum(["length", "max-length", "strength", "banned", "personal", "history"]),
  passed: z.boolean(),
});
/** The outcome of one password rule. */
export type RuleResult = z.infer<typeof ruleResultSchema>;

/** An RFC 9457 problem document with sspr's stable `code` and typed extensions. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.enum(codeNames),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(fieldErrorSchema)),
  rules: z.optional(z.array(ruleResultSchema)),
  retryAfterSeconds: z.optional(z.int()),
  attemptsLeft: z.optional(z.int()),
  /** On an `internal` problem: the request's id, as its `X-Request-Id` and the server's log carry it. */
  requestId: z.optional(z.string()),
});
/** An RFC 9457 problem document. */
export type Problem = z.infer<typeof problemSchema>;
