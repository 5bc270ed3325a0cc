import * as z from "zod/mini";
import { policySchema } from "../policy/policy.schema.js";

/** The policy with its version, for optimistic concurrency between administrators. */
export const versionedPolicySchema = z.strictObject({
  policy: policySchema,
  version: z.int().check(z.gte(0)),
});
/** The policy and its version. */
export type VersionedPolicy = z.infer<typeof versionedPolicySchema>;
