import {
  type ChooseMethodRequest,
  chooseMethodRequestSchema,
  type FlowRequest,
  flowRequestSchema,
  type Policy,
  type RegisteredMethodKind,
  SsprProblem,
} from "@sspr/core";
import { randomBelow, randomId } from "../../crypto/random.js";
import { availableQuestions } from "../answers.js";
import { audit } from "../audit.js";
import { issueCode } from "../codes.js";
import { normaliseEmail, normalisePhone } from "../contacts.js";
import type { EngineContext, RequestContext } from "../context.js";
import { renderMessage } from "../messages.js";
import { queueMessage } from "../outbox.js";
import { currentPolicy } from "../policy-source.js";
import { consumeSend } from "../throttle.js";
import { validate } from "../validate.js";
import { activeMethod, liveFlow, methodRecord, padded, saveOr } from "./reset-flow.js";
import { type ActiveMethod, type FlowMethod, type ResetFlowState, view } from "./reset-state.js";

/** The method step: choose a method (confirming the full contact), and ask for a new code. */
export function createChooseStep(ctx: EngineContext) {
  /** A contact as typed, normalised as it is stored (an unparseable one is `invalid-request`). */
  const normalised = (kind: RegisteredMethodKind, typed: string) =>
    kind === "email" ? normaliseEmail(typed) : normalisePhone(typed, ctx.defaultCountry);

  /**
   * Counts the send and issues a code; only a confirmed contact is sent one. Real, wrong and
   * decoy contacts take the same steps, so their answers (and refusals) come at the same count.
   */
  async function sendCode(
    flow: ResetFlowState,
    method: FlowMethod,
    active: ActiveMethod,
    policy: Policy,
  ): Promise<ActiveMethod> {
    await consumeSend(ctx, flow.record.subject, `${method.key}:${active.contactKey}`);
    const { code, state } = await issueCode(
      ctx,
      `${flow.record.id}\u0000${method.id}`,
      policy.codes.length,
      policy.codes.lifetimeMinutes,
    );
    const target = await methodRecord(ctx, flow, method);
    if (active.contactMatched && target?.contact && active.channel) {
      const text = renderMessage(
        { kind: "code", code, minutes: policy.codes.lifetimeMinutes },
        active.channel,
        flow.data.locale,
        ctx.appName,
      );
      await queueMessage(ctx, { channel: active.channel, to: target.contact, ...text });
    }
    return {
      ...active,
      code: state,
      triesKey: randomId(),
      resendAvailableAt: ctx.clock.now() + ctx.limits.resendCooldownSeconds * 1000,
    };
  }

  /** The questions asked: a random draw from those the user registered (a decoy's stable set). */
  async function questionsFor(flow: ResetFlowState, method: FlowMethod, policy: Policy) {
    const target = await methodRecord(ctx, flow, method);
    const registered = target ? target.answers.map((a) => a.questionId) : method.decoyQuestionIds;
    const pool = availableQuestions(policy, flow.data.locale).filter((q) =>
      registered.includes(q.id),
    );
    const asked: { id: string; text: string }[] = [];
    while (asked.length < Math.min(policy.securityQuestions.toAsk, pool.length)) {
      const pick = pool[randomBelow(pool.length)];
      if (pick && !asked.includes(pick)) asked.push(pick);
    }
    return asked;
  }

  return {
    chooseMethod: (_rc: RequestContext, input: ChooseMethodRequest) =>
      padded(ctx, async () => {
        const request = validate(chooseMethodRequestSchema, input);
        const flow = await liveFlow(ctx, request.flowId);
        if (flow.data.verified.length >= flow.data.required)
          throw new SsprProblem("step-out-of-order");
        const method = flow.data.methods.find(
          (m) => m.id === request.methodId && !flow.data.verified.includes(m.id),
        );
        if (!method) {
          throw new SsprProblem("invalid-request", {
            errors: [{ path: "methodId", message: "Not a method of this reset" }],
          });
        }
        const { policy } = await currentPolicy(ctx);
        let active: ActiveMethod = {
          methodId: method.id,
          channel: null,
          code: null,
          contactMatched: false,
          contactKey: null,
          resendAvailableAt: null,
          questions: [],
          triesKey: randomId(),
        };
        if (method.kind === "email" || method.kind === "phone") {
          const channel = request.channel ?? method.channels[0];
          if (!channel || !method.channels.includes(channel)) {
            throw new SsprProblem("invalid-request", {
              errors: [{ path: "channel", message: "Not a channel of this method" }],
            });
          }
          if (!request.contact) {
            throw new SsprProblem("invalid-request", {
              errors: [
                { path: "contact", message: "Type the full address or number to confirm it" },
              ],
            });
          }
          const typed = normalised(method.kind, request.contact);
          const target = await methodRecord(ctx, flow, method);
          active = await sendCode(
            flow,
            method,
            {
              ...active,
              channel,
              contactMatched: target?.contact === typed,
              contactKey: await ctx.keyring.mac("typed-contact", typed),
            },
            policy,
          );
        } else if (method.kind === "questions") {
          active = { ...active, questions: await questionsFor(flow, method, policy) };
        }
        const saved = await saveOr(ctx, flow, { ...flow.data, active });
        await audit(ctx, {
          type: "reset.method-chosen",
          actor: null,
          subject: flow.data.userId,
          outcome: "success",
          detail: { method: method.kind, channel: active.channel },
        });
        return view(request.flowId, saved);
      }),

    resendCode: (_rc: RequestContext, input: FlowRequest) =>
      padded(ctx, async () => {
        const request = validate(flowRequestSchema, input);
        const flow = await liveFlow(ctx, request.flowId);
        const { active, method } = activeMethod(flow);
        if (!active.channel || active.resendAvailableAt === null)
          throw new SsprProblem("step-out-of-order");
        const wait = active.resendAvailableAt - ctx.clock.now();
        if (wait > 0)
          throw new SsprProblem("throttled", { retryAfterSeconds: Math.ceil(wait / 1000) });
        const { policy } = await currentPolicy(ctx);
        const next = await sendCode(flow, method, active, policy);
        return view(request.flowId, await saveOr(ctx, flow, { ...flow.data, active: next }));
      }),
  };
}
