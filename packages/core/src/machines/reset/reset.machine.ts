import { assign, fromPromise, setup } from "xstate";
import type { ResetConfig, ResetFlow } from "../../api/reset.schema.js";
import type { SsprApi } from "../../api/sspr-api.js";
import { type Problem, SsprProblem } from "../../problems/problem.js";
import { failure, isProblem } from "../shared/engine-failure.js";
import type {
  PendingCall,
  ResetContext,
  ResetEvent,
  ResetInput,
  ResetView,
} from "./reset.types.js";

/** Sends a pending call to the engine; every reset operation answers with the flow. */
function callEngine(
  api: SsprApi,
  flowId: string,
  call: PendingCall,
  botProof: string,
  locale: ResetContext["locale"],
): Promise<ResetFlow> {
  switch (call.op) {
    case "startReset":
      return api.startReset({ identifier: call.identifier, botProof, locale });
    case "redeemInvitation":
      return api.redeemInvitation({ invitation: call.invitation, locale });
    case "chooseMethod": {
      const { op: _op, ...request } = call;
      return api.chooseMethod({ flowId, ...request });
    }
    case "resendCode":
      return api.resendCode({ flowId });
    case "verifyCode":
      return api.verifyCode({ flowId, code: call.code });
    case "answerQuestions":
      return api.answerQuestions({ flowId, answers: call.answers });
    case "completeReset":
      return api.completeReset({ flowId, newPassword: call.newPassword });
    case "unlockAccount":
      return api.unlockAccount({ flowId });
  }
}

/**
 * The self-service reset, as a UI walks it: identify -> bot check -> choose a method -> confirm
 * the contact -> enter the code (resend after a cooldown) -> a second method when required ->
 * new password -> done (or, for a locked-out user the policy lets, unlocked); an administrator's
 * invitation starts straight at the new password; with expired, throttled and network-error states, and rejected input
 * shown on the step it concerns. The engine decides every step; the machine only follows the
 * flow it answers with. Takes its `SsprApi` as input, never from a global.
 *
 * @example
 * const actor = createActor(resetMachine, { input: { api, solveBot } }).start();
 * actor.send({ type: "IDENTIFY", identifier: "anna@contoso.com" });
 */
export const resetMachine = setup({
  types: {
    context: {} as ResetContext,
    events: {} as ResetEvent,
    input: {} as ResetInput,
  },
  actors: {
    loadConfig: fromPromise<ResetConfig, SsprApi>(({ input }) => input.getResetConfig()),
    startReset: fromPromise<ResetFlow, ResetContext>(async ({ input }) => {
      // An administrator's invitation is proof enough: no bot check.
      if (input.pending?.op === "redeemInvitation")
        return callEngine(input.api, "", input.pending, "", input.locale);
      const botProof = await input.solveBot(await input.api.getBotChallenge());
      return callEngine(
        input.api,
        "",
        { op: "startReset", identifier: input.identifier },
        botProof,
        input.locale,
      );
    }),
    call: fromPromise<ResetFlow, ResetContext>(({ input }) => {
      if (!input.pending || !input.flow) throw new SsprProblem("step-out-of-order");
      return callEngine(input.api, input.flow.flowId, input.pending, "", input.locale);
    }),
  },
  guards: {
    hasIdentifier: ({ event }) => event.type === "IDENTIFY" && event.identifier.trim().length > 0,
    canUnlock: ({ context }) => context.flow?.canUnlock === true,
    needsContact: ({ context, event }) =>
      event.type === "METHOD.SELECT" &&
      ["email", "phone"].includes(
        context.flow?.methods.find((m) => m.id === event.methodId)?.kind ?? "",
      ),
    canResend: ({ context }) => {
      const at = context.flow?.active?.resendAvailableAt;
      return at !== null && at !== undefined && Date.parse(at) <= context.now();
    },
    isExpired: (_, { problem }: { problem: Problem | null }) =>
      problem?.code === "flow-expired" || problem?.code === "attempts-exceeded",
    isThrottled: (_, { problem }: { problem: Problem | null }) => problem?.code === "throttled",
    isProblem,
    noFlow: ({ context }) => context.flow === null,
    contactRejected: ({ context }) =>
      context.problem !== null &&
      context.selectedMethodId !== null &&
      context.flow?.step === "choose-method" &&
      context.pending?.op === "chooseMethod",
    stepIs: ({ context }, { step }: { step: ResetFlow["step"] }) => context.flow?.step === step,
  },
  actions: {
    keepProblem: assign(({ context }, { problem }: { problem: Problem | null }) => ({
      problem,
      // A rejected password is not kept once the engine has answered.
      pending: context.pending?.op === "completeReset" ? null : context.pending,
    })),
    clearProblem: assign({ problem: () => null }),
    show: assign((_, { view }: { view: ResetView }) => ({ view })),
    restart: assign({
      flow: () => null,
      identifier: () => "",
      selectedMethodId: () => null,
      pending: () => null,
      problem: () => null,
    }),
  },
}).createMachine({
  id: "reset",
  context: ({ input }) => ({
    api: input.api,
    solveBot: input.solveBot,
    locale: input.locale ?? "en",
    now: input.now ?? Date.now,
    config: null,
    identifier: "",
    flow: null,
    selectedMethodId: null,
    pending: null,
    problem: null,
    view: "identify",
  }),
  // Where to get help: loaded once, for the whole life of the reset, whatever the step.
  invoke: {
    src: "loadConfig",
    input: ({ context }) => context.api,
    onDone: { actions: assign({ config: ({ event }) => event.output }) },
    onError: {},
  },
  initial: "identify",
  states: {
    identify: {
      entry: { type: "show", params: { view: "identify" } },
      on: {
        IDENTIFY: {
          guard: "hasIdentifier",
          target: "starting",
          actions: assign({
            identifier: ({ event }) => event.identifier.trim(),
            pending: ({ event }) => ({ op: "startReset", identifier: event.identifier.trim() }),
          }),
        },
        "INVITATION.REDEEM": {
          target: "starting",
          actions: assign({
            pending: ({ event }) => ({ op: "redeemInvitation", invitation: event.invitation }),
          }),
        },
      },
    },
    starting: {
      invoke: {
        src: "startReset",
        input: ({ context }) => context,
        onDone: {
          target: "routing",
          actions: [assign({ flow: ({ event }) => event.output }), "clearProblem"],
        },
        onError: [
          {
            // An invitation that is used up, expired or unknown.
            guard: { type: "isExpired", params: failure },
            target: "expired",
            actions: { type: "keepProblem", params: failure },
          },
          {
            guard: { type: "isThrottled", params: failure },
            target: "throttled",
            actions: { type: "keepProblem", params: failure },
          },
          {
            guard: { type: "isProblem", params: failure },
            target: "identify",
            actions: { type: "keepProblem", params: failure },
          },
          { target: "networkError" },
        ],
      },
    },
    calling: {
      invoke: {
        src: "call",
        input: ({ context }) => context,
        onDone: {
          target: "routing",
          actions: [
            assign({ flow: ({ event }) => event.output, pending: () => null }),
            "clearProblem",
          ],
        },
        onError: [
          {
            guard: { type: "isExpired", params: failure },
            target: "expired",
            actions: { type: "keepProblem", params: failure },
          },
          {
            guard: { type: "isThrottled", params: failure },
            target: "throttled",
            actions: { type: "keepProblem", params: failure },
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
        { guard: "noFlow", target: "identify" },
        { guard: "contactRejected", target: "confirmContact" },
        { guard: { type: "stepIs", params: { step: "choose-method" } }, target: "chooseMethod" },
        { guard: { type: "stepIs", params: { step: "enter-code" } }, target: "enterCode" },
        {
          guard: { type: "stepIs", params: { step: "answer-questions" } },
          target: "answerQuestions",
        },
        { guard: { type: "stepIs", params: { step: "new-password" } }, target: "newPassword" },
        { guard: { type: "stepIs", params: { step: "unlocked" } }, target: "unlocked" },
        { target: "done" },
      ],
    },
    chooseMethod: {
      entry: [
        { type: "show", params: { view: "choose-method" } },
        assign({ selectedMethodId: () => null }),
      ],
      on: {
        "METHOD.SELECT": [
          {
            guard: "needsContact",
            target: "confirmContact",
            actions: [assign({ selectedMethodId: ({ event }) => event.methodId }), "clearProblem"],
          },
          {
            target: "calling",
            actions: assign({
              selectedMethodId: ({ event }) => event.methodId,
              pending: ({ event }) => ({ op: "chooseMethod", methodId: event.methodId }),
            }),
          },
        ],
      },
    },
    confirmContact: {
      entry: { type: "show", params: { view: "confirm-contact" } },
      on: {
        "CONTACT.SUBMIT": {
          target: "calling",
          actions: assign({
            pending: ({ context, event }) => ({
              op: "chooseMethod",
              methodId: context.selectedMethodId ?? "",
              contact: event.contact,
              ...(event.channel ? { channel: event.channel } : {}),
            }),
          }),
        },
        BACK: { target: "chooseMethod", actions: "clearProblem" },
      },
    },
    enterCode: {
      entry: { type: "show", params: { view: "enter-code" } },
      on: {
        "CODE.SUBMIT": {
          target: "calling",
          actions: assign({
            pending: ({ event }) => ({ op: "verifyCode", code: event.code.trim() }),
          }),
        },
        "CODE.RESEND": {
          guard: "canResend",
          target: "calling",
          actions: assign({ pending: () => ({ op: "resendCode" }) }),
        },
        BACK: { target: "chooseMethod", actions: "clearProblem" },
      },
    },
    answerQuestions: {
      entry: { type: "show", params: { view: "answer-questions" } },
      on: {
        "ANSWERS.SUBMIT": {
          target: "calling",
          actions: assign({
            pending: ({ event }) => ({ op: "answerQuestions", answers: event.answers }),
          }),
        },
        BACK: { target: "chooseMethod", actions: "clearProblem" },
      },
    },
    newPassword: {
      entry: { type: "show", params: { view: "new-password" } },
      on: {
        "PASSWORD.SUBMIT": {
          target: "calling",
          actions: assign({
            pending: ({ event }) => ({ op: "completeReset", newPassword: event.password }),
          }),
        },
        UNLOCK: {
          guard: "canUnlock",
          target: "calling",
          actions: assign({ pending: () => ({ op: "unlockAccount" }) }),
        },
      },
    },
    done: {
      entry: [{ type: "show", params: { view: "done" } }, assign({ pending: () => null })],
      type: "final",
    },
    unlocked: {
      entry: [{ type: "show", params: { view: "unlocked" } }, assign({ pending: () => null })],
      type: "final",
    },
    expired: {
      entry: { type: "show", params: { view: "expired" } },
      on: { RESTART: { target: "identify", actions: "restart" } },
    },
    throttled: {
      entry: { type: "show", params: { view: "throttled" } },
      on: { RESTART: { target: "identify", actions: "restart" } },
    },
    networkError: {
      entry: { type: "show", params: { view: "network-error" } },
      on: {
        RETRY: [{ guard: "noFlow", target: "starting" }, { target: "calling" }],
      },
    },
  },
});
