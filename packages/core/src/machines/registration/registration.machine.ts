import { assign, fromPromise, setup } from "xstate";
import type { SsprApi } from "../../api/sspr-api.js";
import { type Problem, SsprProblem } from "../../problems/problem.js";
import { failure, isProblem } from "../shared/engine-failure.js";
import type {
  RegistrationCall,
  RegistrationContext,
  RegistrationEvent,
  RegistrationInput,
  RegistrationResult,
  RegistrationView,
} from "./registration.types.js";

async function callEngine(api: SsprApi, call: RegistrationCall): Promise<RegistrationResult> {
  switch (call.op) {
    case "getRegistration":
      return { kind: "status", status: await api.getRegistration() };
    case "addContactMethod":
      return {
        kind: "contact",
        pending: await api.addContactMethod({ kind: call.kind, value: call.value }),
      };
    case "resendContactCode":
      return {
        kind: "contact",
        pending: await api.resendContactCode({ pendingId: call.pendingId }),
      };
    case "verifyContactMethod":
      return {
        kind: "status",
        status: await api.verifyContactMethod({ pendingId: call.pendingId, code: call.code }),
      };
    case "beginAppRegistration":
      return { kind: "app", pending: await api.beginAppRegistration() };
    case "verifyAppRegistration":
      return {
        kind: "status",
        status: await api.verifyAppRegistration({ pendingId: call.pendingId, code: call.code }),
      };
    case "setSecurityQuestions":
      return { kind: "status", status: await api.setSecurityQuestions({ answers: call.answers }) };
    case "removeMethod":
      return { kind: "status", status: await api.removeMethod({ methodId: call.methodId }) };
    case "reconfirmRegistration":
      return { kind: "status", status: await api.reconfirmRegistration() };
  }
}

/**
 * A signed-in user's security info: load what the policy requires -> overview -> add an email
 * address or phone number (enter -> code -> saved), an authenticator app (QR code and key ->
 * one code -> saved), security questions (when allowed); remove a method; re-confirm when due;
 * finish once nothing is due. Every change is the engine's answer; the machine only shows it.
 *
 * @example
 * const actor = createActor(registrationMachine, { input: { api } }).start();
 * actor.send({ type: "CONTACT.ADD", kind: "email" });
 */
export const registrationMachine = setup({
  types: {
    context: {} as RegistrationContext,
    events: {} as RegistrationEvent,
    input: {} as RegistrationInput,
  },
  actors: {
    call: fromPromise<RegistrationResult, { api: SsprApi; call: RegistrationCall | null }>(
      ({ input }) => {
        if (!input.call) throw new SsprProblem("step-out-of-order");
        return callEngine(input.api, input.call);
      },
    ),
  },
  guards: {
    isProblem,
    pendingLost: (_, { problem }: { problem: Problem | null }) =>
      problem?.code === "flow-expired" || problem?.code === "attempts-exceeded",
    answered: ({ context }, { kind }: { kind: "contact" | "app" }) =>
      kind === "contact" ? context.pendingContact !== null : context.pendingApp !== null,
    viewIs: ({ context }, { view }: { view: RegistrationView }) => context.view === view,
    nothingDue: ({ context }) => context.status?.due === "none",
    canResend: ({ context }) => {
      const at = context.pendingContact?.resendAvailableAt;
      return at !== undefined && Date.parse(at) <= context.now();
    },
  },
  actions: {
    keepProblem: assign((_, { problem }: { problem: Problem | null }) => ({ problem })),
    clearProblem: assign({ problem: () => null }),
    forgetPending: assign({ pendingContact: () => null, pendingApp: () => null }),
    show: assign((_, { view }: { view: RegistrationView }) => ({ view })),
    request: assign((_, call: RegistrationCall) => ({ call })),
  },
}).createMachine({
  id: "registration",
  context: ({ input }) => ({
    api: input.api,
    now: input.now ?? Date.now,
    status: null,
    contactKind: "email",
    pendingContact: null,
    pendingApp: null,
    call: { op: "getRegistration" },
    problem: null,
    view: "loading",
  }),
  initial: "calling",
  states: {
    calling: {
      invoke: {
        src: "call",
        input: ({ context }) => ({ api: context.api, call: context.call }),
        onDone: {
          target: "routing",
          actions: [
            assign(({ event }) => {
              const result = event.output;
              if (result.kind === "status")
                return {
                  status: result.status,
                  pendingContact: null,
                  pendingApp: null,
                  call: null,
                  view: "overview" as const,
                };
              if (result.kind === "contact") return { pendingContact: result.pending, call: null };
              return { pendingApp: result.pending, call: null };
            }),
            "clearProblem",
          ],
        },
        onError: [
          {
            guard: { type: "pendingLost", params: failure },
            target: "overview",
            actions: [{ type: "keepProblem", params: failure }, "forgetPending"],
          },
          {
            guard: { type: "isProblem", params: failure },
            target: "routing",
            actions: { type: "keepProblem", params: failure },
          },
          { target: "networkError" },
        ],
      },
    },
    routing: {
      always: [
        { guard: { type: "answered", params: { kind: "app" } }, target: "addApp" },
        { guard: { type: "answered", params: { kind: "contact" } }, target: "verifyContact" },
        { guard: { type: "viewIs", params: { view: "add-contact" } }, target: "addContact" },
        { guard: { type: "viewIs", params: { view: "set-questions" } }, target: "setQuestions" },
        { target: "overview" },
      ],
    },
    overview: {
      entry: { type: "show", params: { view: "overview" } },
      on: {
        "CONTACT.ADD": {
          target: "addContact",
          actions: [assign({ contactKind: ({ event }) => event.kind }), "clearProblem"],
        },
        "APP.ADD": {
          target: "calling",
          actions: { type: "request", params: { op: "beginAppRegistration" } },
        },
        "QUESTIONS.ADD": { target: "setQuestions", actions: "clearProblem" },
        "METHOD.REMOVE": {
          target: "calling",
          actions: {
            type: "request",
            params: ({ event }) => ({ op: "removeMethod", methodId: event.methodId }),
          },
        },
        RECONFIRM: {
          target: "calling",
          actions: { type: "request", params: { op: "reconfirmRegistration" } },
        },
        FINISH: { guard: "nothingDue", target: "complete" },
      },
    },
    addContact: {
      entry: { type: "show", params: { view: "add-contact" } },
      on: {
        "CONTACT.SUBMIT": {
          target: "calling",
          actions: {
            type: "request",
            params: ({ context, event }) => ({
              op: "addContactMethod",
              kind: context.contactKind,
              value: event.value,
            }),
          },
        },
        CANCEL: { target: "overview", actions: "clearProblem" },
      },
    },
    verifyContact: {
      entry: { type: "show", params: { view: "verify-contact" } },
      on: {
        "CODE.SUBMIT": {
          target: "calling",
          actions: {
            type: "request",
            params: ({ context, event }) => ({
              op: "verifyContactMethod",
              pendingId: context.pendingContact?.pendingId ?? "",
              code: event.code.trim(),
            }),
          },
        },
        "CODE.RESEND": {
          guard: "canResend",
          target: "calling",
          actions: {
            type: "request",
            params: ({ context }) => ({
              op: "resendContactCode",
              pendingId: context.pendingContact?.pendingId ?? "",
            }),
          },
        },
        CANCEL: { target: "overview", actions: ["clearProblem", "forgetPending"] },
      },
    },
    addApp: {
      entry: { type: "show", params: { view: "add-app" } },
      on: {
        "CODE.SUBMIT": {
          target: "calling",
          actions: {
            type: "request",
            params: ({ context, event }) => ({
              op: "verifyAppRegistration",
              pendingId: context.pendingApp?.pendingId ?? "",
              code: event.code.trim(),
            }),
          },
        },
        CANCEL: { target: "overview", actions: ["clearProblem", "forgetPending"] },
      },
    },
    setQuestions: {
      entry: { type: "show", params: { view: "set-questions" } },
      on: {
        "ANSWERS.SUBMIT": {
          target: "calling",
          actions: {
            type: "request",
            params: ({ event }) => ({ op: "setSecurityQuestions", answers: event.answers }),
          },
        },
        CANCEL: { target: "overview", actions: "clearProblem" },
      },
    },
    complete: {
      entry: { type: "show", params: { view: "complete" } },
      type: "final",
    },
    networkError: {
      entry: { type: "show", params: { view: "network-error" } },
      on: { RETRY: "calling" },
    },
  },
});
