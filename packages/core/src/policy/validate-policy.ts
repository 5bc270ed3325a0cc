import type { FieldError } from "../problems/problem.js";
import { policySchema } from "./policy.schema.js";

/**
 * What the policy schema says is wrong with a draft, by dotted field path: the engine's own
 * verdict, before saving. The messages are the schema's English; a UI words errors per field.
 */
export function validatePolicy(draft: unknown): FieldError[] {
  const result = policySchema.safeParse(draft);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}
