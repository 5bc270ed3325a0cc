import { assign, fromPromise, setup } from "xstate";
import type { VersionedPolicy } from "../../api/admin.schema.js";
import type { SsprApi } from "../../api/sspr-api.js";
import type { Policy } from "../../policy/policy.schema.js";
import type { FieldError, Problem } from "../../problems/problem.js";
import { failure, isProblem } from "../shared/engine-failure.js";
import type {
  AdminPolicyContext,
  AdminPolicyEvent,
  AdminPolicyInput,
  AdminPolicyView,
} from "./admin-policy.types.js";
import { setPath } from "./set-path.js";

/** Errors as the engine reports them name the request's field (`policy.codes.length`). */
const policyFieldErrors = (problem: Problem | null): FieldError[] =>
  (problem?.errors ?? []).map((e) => ({ ...e, path: e.path.replace(/^policy\./, "") }));

/**
 * An administrator editing the policy: load -> editing (every change checked by the input's
 * validator, `validatePolicy` being the engine's own schema, so errors show per field before
 * saving) -> saving -> saved, or back to editing with the engine's problem and field errors (a
 * conflict when another administrator saved first). The validator is an input so a browser
 * can load the schema when it needs it.
 *
 * @example
 * const actor = createActor(adminPolicyMachine, { input: { api, validate: validatePolicy } }).start();
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
      errors: policyFieldErrors(problem),
    })),
    accept: assign((_, saved: VersionedPolicy) => ({
      saved,
      draft: saved.policy,
      errors: [],
      problem: null,
    })),
    setField: assign(({ context }, { path, value }: { path: string; value: unknown }) => {
      const draft = setPath(context.draft, path, value);
      return { draft, errors: draft ? (context.validate?.(draft) ?? []) : [], problem: null };
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
    validate: input.validate,
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
        // After a conflict: the policy another administrator saved, edits dropped.
        RELOAD: "loading",
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
