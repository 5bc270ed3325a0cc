import { SsprProblem } from "@sspr/core";
import type * as z from "zod/mini";

/**
 * Parses input with a core schema; bad input becomes an `invalid-request` problem naming
 * each field, so the engine rejects it before touching anything.
 */
export function validate<T extends z.ZodMiniType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new SsprProblem("invalid-request", {
    errors: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    })),
  });
}
