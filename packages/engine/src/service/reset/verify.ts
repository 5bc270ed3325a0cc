import {
  type AnswerQuestionsRequest,
  answerQuestionsRequestSchema,
  type ResetFlow,
  SsprProblem,
  type VerifyCodeRequest,
  verifyCodeRequestSchema,
} from "@sspr/core";
import { randomId } from "../../crypto/random.js";
import { normaliseAnswer } from "../answers.js";
import { audit } from "../audit.js";
import { codeMatches } from "../codes.js";
import type { EngineContext, RequestContext } from "../context.js";
import { loadFlow, saveFlow } from "../flows.js";
import { currentPolicy } from "../policy-source.js";
import { reserveVerifyTry, type VerifyTry } from "../throttle.js";
import { totpStep } from "../totp.js";
import { validate } from "../validate.js";
import { activeMethod, liveFlow, methodRecord, padded } from "./reset-flow.js";
import type { ActiveMethod, FlowMethod, ResetData, ResetFlowState } from "./reset-state.js";
import { view } from "./reset-state.js";

/**
 * The verification step: a code (email, SMS, voice, authenticator app) or security answers.
 * Every try is reserved before anything is compared (see `reserveVerifyTry`).
 */
export function createVerifyStep(ctx: EngineContext) {
  // A hash of nothing anyone can type: checked when no answer is stored, so a decoy costs the same.
  let decoyHash: Promise<string> | undefined;
  const decoyAnswerHash = () => {
    decoyHash ??= ctx.hasher.hash(randomId(32));
    return decoyHash;
  };

  /** A wrong code or answer: the try stays spent; the code's last try kills the flow. */
  async function failed(
    publicId: string,
    flow: ResetFlowState,
    active: ActiveMethod,
    spent: VerifyTry,
  ): Promise<never> {
    const attemptsLeft = Math.min(spent.codeTriesLeft, spent.budgetLeft);
    await audit(ctx, {
      type: "reset.verify-failed",
      actor: null,
      subject: flow.data.userId,
      outcome: "failure",
      detail: { attemptsLeft },
    });
    await spent.failed();
    if (spent.codeTriesLeft > 0)
      throw new SsprProblem("code-invalid", {
        attemptsLeft,
        // The user's budget runs out first: its last failure blocks the reset, not just the code.
        ...(spent.budgetLeft <= spent.codeTriesLeft
          ? { blockSeconds: ctx.limits.blockHours * 3600 }
          : {}),
      });
    // Marked dead (compare-and-set, retried past concurrent changes) so the flow must start
    // again; unless a concurrent right code already used this code.
    for (
      let current = flow;
      !current.data.dead && current.data.active?.triesKey === active.triesKey;
    ) {
      if (await saveFlow(ctx, current, { ...current.data, dead: true })) break;
      current = await loadFlow<ResetData>(ctx, "reset", publicId);
    }
    throw new SsprProblem("attempts-exceeded");
  }

  /** A right code or answer: the method counts as verified, once. */
  async function verified(
    publicId: string,
    flow: ResetFlowState,
    method: FlowMethod,
    active: ActiveMethod,
    spent: VerifyTry,
    used: string | null,
  ): Promise<ResetFlow> {
    const verified = [...flow.data.verified, method.id];
    const user =
      flow.data.userId && verified.length >= flow.data.required
        ? await ctx.directory.getUser(flow.data.userId)
        : null;
    const data: ResetData = {
      ...flow.data,
      verified,
      verifiedBy: [...flow.data.verifiedBy, active.channel ?? method.kind],
      canUnlock: user?.locked === true && (await currentPolicy(ctx)).policy.accountUnlock,
      active: null,
      usedCodes: used ? [...flow.data.usedCodes, used] : flow.data.usedCodes,
    };
    if (!(await saveFlow(ctx, flow, data))) {
      // A concurrent request won: the same right answer (a double click, a retry), which is no
      // failure; or this code was used up, or its flow died meanwhile.
      const now = await loadFlow<ResetData>(ctx, "reset", publicId);
      if (now.data.verified.includes(method.id)) {
        await spent.succeeded();
        throw new SsprProblem("code-used");
      }
      throw new SsprProblem(now.data.dead ? "attempts-exceeded" : "step-out-of-order");
    }
    await spent.succeeded();
    await audit(ctx, {
      type: "reset.method-verified",
      actor: flow.data.userId,
      subject: flow.data.userId,
      outcome: "success",
      detail: { method: method.kind, channel: active.channel },
    });
    return view(publicId, { record: { ...flow.record, version: flow.record.version + 1 }, data });
  }

  /**
   * Whether a code is right: the authenticator app's current step (accepted once: a step
   * already accepted is `used`), or the code sent.
   */
  async function checkCode(
    flow: ResetFlowState,
    method: FlowMethod,
    active: ActiveMethod,
    code: string,
  ): Promise<"right" | "wrong" | "used"> {
    if (method.kind === "app") {
      const target = await methodRecord(ctx, flow, method);
      const secret = target?.secret ? await ctx.keyring.decrypt(target.secret) : null;
      const step = secret ? totpStep(secret, code, ctx.clock.now()) : null;
      if (step === null || target === undefined) return "wrong";
      return (await ctx.store.advanceMethodStep(target.userId, target.id, step)) ? "right" : "used";
    }
    if (!active.code) throw new SsprProblem("step-out-of-order");
    const right = await codeMatches(ctx, `${flow.record.id}\u0000${method.id}`, code, active.code);
    return right && active.contactMatched ? "right" : "wrong";
  }

  return {
    verifyCode: (_rc: RequestContext, input: VerifyCodeRequest) =>
      padded(ctx, async () => {
        const request = validate(verifyCodeRequestSchema, input);
        const flow = await liveFlow(ctx, request.flowId);
        // A code that verified in this flow, sent again (a double click, a retried request, the
        // same app code twice) is answered as used before any try is reserved: no failure.
        const used = await ctx.keyring.mac("used-code", `${flow.record.id}\u0000${request.code}`);
        if (flow.data.usedCodes.includes(used)) throw new SsprProblem("code-used");
        const { active, method } = activeMethod(flow);
        if (method.kind === "questions") throw new SsprProblem("step-out-of-order");
        if (method.kind !== "app" && !active.code) throw new SsprProblem("step-out-of-order");
        if (active.code && active.code.expiresAt <= ctx.clock.now())
          throw new SsprProblem("code-expired");
        const spent = await reserveVerifyTry(ctx, flow.record.subject, active.triesKey).catch(
          async (error: unknown) => {
            // Out of tries because parallel duplicates of a right code took them: used.
            const now = await loadFlow<ResetData>(ctx, "reset", request.flowId);
            throw now.data.usedCodes.includes(used) ? new SsprProblem("code-used") : error;
          },
        );
        const outcome = await checkCode(flow, method, active, request.code);
        if (outcome === "used") {
          // The app's step was just accepted, by a parallel duplicate of this request.
          await spent.succeeded();
          throw new SsprProblem("code-used");
        }
        return outcome === "right"
          ? verified(request.flowId, flow, method, active, spent, used)
          : failed(request.flowId, flow, active, spent);
      }),

    answerQuestions: (_rc: RequestContext, input: AnswerQuestionsRequest) =>
      padded(ctx, async () => {
        const request = validate(answerQuestionsRequestSchema, input);
        const flow = await liveFlow(ctx, request.flowId);
        const { active, method } = activeMethod(flow);
        if (method.kind !== "questions") throw new SsprProblem("step-out-of-order");
        const spent = await reserveVerifyTry(ctx, flow.record.subject, active.triesKey);
        const target = await methodRecord(ctx, flow, method);
        const checks = await Promise.all(
          active.questions.map(async ({ id: questionId }) => {
            const given = request.answers.find((a) => a.questionId === questionId);
            const stored = target?.answers.find((a) => a.questionId === questionId);
            // Hash even when nothing is stored, so a decoy costs the same.
            const right = await ctx.hasher.verify(
              stored?.hash ?? (await decoyAnswerHash()),
              normaliseAnswer(given?.answer ?? ""),
            );
            return right && stored !== undefined && given !== undefined;
          }),
        );
        return checks.every(Boolean)
          ? verified(request.flowId, flow, method, active, spent, null)
          : failed(request.flowId, flow, active, spent);
      }),
  };
}
