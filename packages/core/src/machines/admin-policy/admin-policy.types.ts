import type { VersionedPolicy } from "../../api/admin.schema.js";
import type { SsprApi } from "../../api/sspr-api.js";
import type { Policy } from "../../policy/policy.schema.js";
import type { FieldError, Problem } from "../../problems/problem.js";

/** What is wrong with a draft, by field path; `validatePolicy` is the schema's verdict. */
export type PolicyValidator = (draft: Policy) => FieldError[];

/**
 * What the policy machine needs: an administrator's API and, to show errors while editing,
 * a validator (without one, errors come from the engine when saving).
 */
export interface AdminPolicyInput {
  api: SsprApi;
  validate?: PolicyValidator;
}

/** The steps a policy UI shows. */
export type AdminPolicyView =
  | "loading"
  | "editing"
  | "saving"
  | "saved"
  | "failed"
  | "network-error";

/** The policy machine's context. */
export interface AdminPolicyContext {
  api: SsprApi;
  validate: PolicyValidator | undefined;
  /** The policy as the engine last answered it. */
  saved: VersionedPolicy | null;
  /** The policy as the administrator is editing it. */
  draft: Policy | null;
  /** What the schema (or the engine) says is wrong with the draft, by field path. */
  errors: FieldError[];
  problem: Problem | null;
  view: AdminPolicyView;
}

/** Events a policy UI sends. `path` is dotted: `password.minLength`. */
export type AdminPolicyEvent =
  | { type: "FIELD.SET"; path: string; value: unknown }
  | { type: "SAVE" }
  | { type: "DISCARD" }
  | { type: "RELOAD" }
  | { type: "RETRY" };
