import type { Policy } from "../../policy/policy.schema.js";
import type {
  AdminPolicyContext,
  AdminPolicyEvent,
  AdminPolicyView,
} from "./admin-policy.types.js";

/** What `connectAdminPolicy` reads: a snapshot of the policy actor. */
export interface AdminPolicySnapshotLike {
  context: AdminPolicyContext;
  value: unknown;
}

/** The policy machine as a UI uses it. */
export interface AdminPolicyApi {
  step: AdminPolicyView;
  busy: boolean;
  draft: Policy | null;
  /** The policy and version as the engine last answered them. */
  saved: AdminPolicyContext["saved"];
  /** True when the draft differs from what is saved (the unsaved-changes mark). */
  dirty: boolean;
  canSave: boolean;
  errors: AdminPolicyContext["errors"];
  problem: AdminPolicyContext["problem"];
  /** The first error of a field, by dotted path, or null. */
  fieldError(path: string): string | null;
  set(path: string, value: unknown): void;
  save(): void;
  discard(): void;
  /** Loads the policy as saved now, dropping the draft (after a conflict). */
  reload(): void;
  retry(): void;
}

/**
 * Turns a policy snapshot into the API a template reads.
 *
 * @example
 * const api = connectAdminPolicy(actor.getSnapshot(), actor.send);
 * api.set("password.minLength", 15);
 * if (api.canSave) api.save();
 */
export function connectAdminPolicy(
  snapshot: AdminPolicySnapshotLike,
  send: (event: AdminPolicyEvent) => void,
): AdminPolicyApi {
  const { context } = snapshot;
  const dirty =
    context.draft !== null &&
    JSON.stringify(context.draft) !== JSON.stringify(context.saved?.policy);
  const busy = snapshot.value === "loading" || snapshot.value === "saving";
  return {
    step: context.view,
    busy,
    draft: context.draft,
    saved: context.saved,
    dirty,
    canSave: dirty && !busy && context.errors.length === 0,
    errors: context.errors,
    problem: context.problem,
    fieldError: (path) => context.errors.find((e) => e.path === path)?.message ?? null,
    set: (path, value) => send({ type: "FIELD.SET", path, value }),
    save: () => send({ type: "SAVE" }),
    discard: () => send({ type: "DISCARD" }),
    reload: () => send({ type: "RELOAD" }),
    retry: () => send({ type: "RETRY" }),
  };
}
