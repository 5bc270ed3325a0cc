import { assign, fromPromise, setup } from "xstate";
import type { VersionedPolicy } from "../../api/admin.schema.js";
import type { SsprApi } from "../../api/sspr-api.js";
import { type Policy, policySchema } from "../../policy/policy.schema.js";
import type { FieldError, Problem } from "../../problems/problem.js";
import { failure, isProblem } from "../shared/engine-failure.js";
import type {
  AdminPolicyContext,
  AdminPolicyEvent,
  AdminPolicyInput,
  AdminPolicyView,
} from "./admin-policy.types.js";
import { setPath } from "./set-path.js";

/** The schema's verdict on a draft, by field path. */
function fieldErrors(draft: Policy | null): FieldError[] {
  const result = policySchema.safeParse(draft);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/**
 * An administrator editing the policy: load -> editing (every change validated by the same
 * schema the engine uses, so errors show per field before saving) -> saving -> saved, or back
 * to editing with the engine's problem (a conflict when another administrator saved first).
 *
 * @example
 * const actor = createActor(adminPolicyMachine, { input: { api } }).start();
 * actor.send({ type: "FIELD.SET", path: "methodsRequired", value: 2 });
 * actor.send({ type: "SAVE" });
 */
export const adminPolicyMachine = setup({
  types: {
    context: {} as AdminPolicyContext,
    events: {} as AdminPolicyEvent,
    input: {} as AdminPolicyInput,
  },
  actors: {
    load: fromPromise<VersionedPolicy, SsprApi>(({ input }) => input.getPolicy()),
    save: fromPromise<VersionedPolicy, { api: SsprApi; request: VersionedPolicy }>(({ input }) =>
      input.api.savePolicy(input.request),
    ),
  },
  guards: {
    canSave: ({ context }) =>
      context.errors.length === 0 &&
      JSON.stringify(context.draft) !== JSON.stringify(context.saved?.policy),
    isProblem,
    neverLoaded: ({ context }) => context.saved === null,
  },
  actions: {
    show: assign((_, { view }: { view: AdminPolicyView }) => ({ view })),
    keepProblem: assign((_, { problem }: { problem: Problem | null }) => ({
      problem,
      errors: problem?.errors ?? [],
    })),
    accept: assign((_, saved: VersionedPolicy) => ({
      saved,
      draft: saved.policy,
      errors: [],
      problem: null,
    })),
    setField: assign(({ context }, { path, value }: { path: string; value: unknown }) => {
      const draft = setPath(context.draft, path, value);
      return { draft, errors: fieldErrors(draft), problem: null };
    }),
    discard: assign(({ context }) => ({
      draft: context.saved?.policy ?? null,
      errors: [],
      problem: null,
    })),
  },
}).createMachine({
  id: "adminPolicy",
  context: ({ input }) => ({
    api: input.api,
    saved: null,
    draft: null,
    errors: [],
    problem: null,
    view: "loading",
  }),
  initial: "loading",
  states: {
    loading: {
      entry: { type: "show", params: { view: "loading" } },
      invoke: {
        src: "load",
        input: ({ context }) => context.api,
        onDone: {
          target: "editing",
          actions: { type: "accept", params: ({ event }) => event.output },
        },
        onError: [
          {
            guard: { type: "isProblem", params: failure },
            target: "failed",
            actions: { type: "keepProblem", params: failure },
          },
          { target: "networkError" },
        ],
      },
    },
    editing: {
      entry: { type: "show", params: { view: "editing" } },
      on: {
        "FIELD.SET": { actions: { type: "setField", params: ({ event }) => event } },
        SAVE: { guard: "canSave", target: "saving" },
        DISCARD: { actions: "discard" },
      },
    },
    saving: {
      entry: { type: "show", params: { view: "saving" } },
      invoke: {
        src: "save",
        input: ({ context }) => ({
          api: context.api,
          // canSave let only a draft that passed the schema get here.
          request: { policy: context.draft as Policy, version: context.saved?.version ?? 0 },
        }),
        onDone: {
          target: "saved",
          actions: { type: "accept", params: ({ event }) => event.output },
        },
        onError: [
          {
            guard: { type: "isProblem", params: failure },
            target: "editing",
            actions: { type: "keepProblem", params: failure },
          },
          { target: "networkError" },
        ],
      },
    },
    saved: {
      entry: { type: "show", params: { view: "saved" } },
      on: {
        "FIELD.SET": {
          target: "editing",
          actions: { type: "setField", params: ({ event }) => event },
        },
      },
    },
    failed: {
      entry: { type: "show", params: { view: "failed" } },
      on: { RETRY: "loading" },
    },
    networkError: {
      entry: { type: "show", params: { view: "network-error" } },
      on: {
        RETRY: [{ guard: "neverLoaded", target: "loading" }, { target: "saving" }],
      },
    },
  },
});
