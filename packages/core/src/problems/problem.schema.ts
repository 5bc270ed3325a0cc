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

/**
 * The outcome of one password rule in force, as the evaluator reports it. `banned` is Entra's
 * score of common, custom and personal terms; its `terms` name those that cost points (folded,
 * as matched: `contoso`), so a UI can say which words to drop.
 */
export const ruleResultSchema = z.strictObject({
  rule: z.enum(["length", "max-length", "strength", "banned", "history"]),
  passed: z.boolean(),
  terms: z.optional(z.array(z.string())),
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
  /** `throttled`: seconds until the limit that refused lets the caller try again. */
  retryAfterSeconds: z.optional(z.int()),
  /** `code-invalid`: tries left, the code's or the user's hourly budget, whichever is fewer. */
  attemptsLeft: z.optional(z.int()),
  /**
   * `code-invalid`, when the tries left are the user's hourly budget: failing them all blocks
   * self-service reset for this many seconds (Entra: 24 hours), not only this code.
   */
  blockSeconds: z.optional(z.int()),
  /** On an `internal` problem: the request's id, as its `X-Request-Id` and the server's log carry it. */
  requestId: z.optional(z.string()),
});
/** An RFC 9457 problem document. */
export type Problem = z.infer<typeof problemSchema>;
