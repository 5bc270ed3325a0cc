import {
  type AnswerQuestionsRequest,
  answerQuestionsRequestSchema,
  type ChooseMethodRequest,
  type CompleteResetRequest,
  chooseMethodRequestSchema,
  completeResetRequestSchema,
  type DeliveryChannel,
  evaluatePassword,
  type FlowRequest,
  flowRequestSchema,
  type Locale,
  normalisePassword,
  type Policy,
  type RedeemInvitationRequest,
  type RegisteredMethodKind,
  type ResetConfig,
  type ResetFlow,
  type RuleResult,
  redeemInvitationRequestSchema,
  SsprProblem,
  type StartResetRequest,
  startResetRequestSchema,
  type VerifyCodeRequest,
  verifyCodeRequestSchema,
} from "@sspr/core";
import type { MethodRecord } from "../adapters/store.js";
import { toBase64Url } from "../crypto/encoding.js";
import { randomBelow, randomId } from "../crypto/random.js";
import { availableQuestions, normaliseAnswer } from "./answers.js";
import { audit } from "./audit.js";
import { type CodeState, codeMatches, issueCode } from "./codes.js";
import { messageContacts } from "./contact-messages.js";
import { normaliseEmail, normalisePhone } from "./contacts.js";
import type { EngineContext, RequestContext } from "./context.js";
import { decoyMethods } from "./decoys.js";
import { createFlow, type LoadedFlow, loadFlow, saveFlow } from "./flows.js";
import { redeem } from "./invitations.js";
import { fixedHints, maskEmail, maskPhone } from "./masking.js";
import { renderMessage } from "./messages.js";
import { queueMessage } from "./outbox.js";
import { currentPolicy, isEnabledFor, requiredFor, usableMethods } from "./policy-source.js";
import { assertNotBlocked, consumeSend, consumeStart, recordVerifyFailure } from "./throttle.js";
import { totpStep } from "./totp.js";
import { validate } from "./validate.js";

/** A method as a reset flow offers it; `recordId` is null for a decoy. */
export type FlowMethod = {
  id: string;
  recordId: string | null;
  kind: RegisteredMethodKind;
  hint: string;
  channels: DeliveryChannel[];
};

type ActiveMethod = {
  methodId: string;
  channel: DeliveryChannel | null;
  code: CodeState | null;
  /** Whether the typed contact matched; a code goes out only then. */
  contactMatched: boolean;
  resendAvailableAt: number | null;
  questions: { id: string; text: string }[];
  attempts: number;
};

type ResetData = {
  userId: string | null;
  locale: Locale;
  /** Methods the policy asks of everyone; shown until the first method verifies. */
  policyRequired: number;
  required: number;
  methods: FlowMethod[];
  verified: string[];
  active: ActiveMethod | null;
  /** Set when a code died after too many wrong tries: the flow must start again. */
  dead: boolean;
  completed: boolean;
  /** What each verification used (a channel, or app / questions), for the audit and reports. */
  verifiedBy: string[];
  /** Verified, locked out, and the policy lets users unlock without a new password. */
  canUnlock: boolean;
  /** Completed by unlocking instead of setting a password. */
  unlocked: boolean;
  /** Started from an administrator's invitation. */
  invited: boolean;
};

type ResetFlowState = LoadedFlow<ResetData>;

const iso = (ms: number) => new Date(ms).toISOString();

/** A new flow's state: nothing verified, nothing active, not done. */
const startingData = (
  facts: Pick<
    ResetData,
    "userId" | "locale" | "policyRequired" | "required" | "methods" | "invited"
  >,
): ResetData => ({
  ...facts,
  verified: [],
  active: null,
  dead: false,
  completed: false,
  verifiedBy: [],
  canUnlock: false,
  unlocked: false,
});

/** What the verifications used, for the audit (flows started before it was kept have none). */
const verifiedVia = (data: ResetData) => (data.verifiedBy ?? []).join(",");

function channelsFor(policy: Policy, kind: RegisteredMethodKind): DeliveryChannel[] {
  if (kind === "email") return ["email"];
  if (kind === "phone") return (["sms", "voice"] as const).filter((c) => policy.methods[c]);
  return [];
}

function toFlowMethod(policy: Policy, record: MethodRecord): FlowMethod {
  const hint =
    record.kind === "email"
      ? maskEmail(record.contact ?? "")
      : record.kind === "phone"
        ? maskPhone(record.contact ?? "")
        : fixedHints[record.kind];
  return {
    id: randomId(6),
    recordId: record.id,
    kind: record.kind,
    hint,
    channels: channelsFor(policy, record.kind),
  };
}

function view(publicId: string, flow: ResetFlowState): ResetFlow {
  const { data } = flow;
  const active = data.active;
  const step: ResetFlow["step"] = data.completed
    ? data.unlocked
      ? "unlocked"
      : "done"
    : data.verified.length >= data.required
      ? "new-password"
      : active === null
        ? "choose-method"
        : active.questions.length > 0
          ? "answer-questions"
          : "enter-code";
  return {
    flowId: publicId,
    step,
    required: data.verified.length > 0 ? data.required : data.policyRequired,
    verified: data.verified.length,
    methods: data.methods
      .filter((m) => !data.verified.includes(m.id))
      .map(({ id, kind, hint, channels }) => ({ id, kind, hint, channels })),
    active:
      active && step !== "new-password" && step !== "done"
        ? {
            methodId: active.methodId,
            channel: active.channel,
            codeExpiresAt: active.code ? iso(active.code.expiresAt) : null,
            resendAvailableAt:
              active.resendAvailableAt === null ? null : iso(active.resendAvailableAt),
            questions: active.questions,
          }
        : null,
    canUnlock: step === "new-password" && data.canUnlock === true,
    expiresAt: iso(flow.record.expiresAt),
  };
}

/** The anonymous self-service reset: start, choose, verify, complete. */
export function createResetOperations(ctx: EngineContext) {
  // A hash of nothing anyone can type: checked when no answer is stored, so a decoy costs the same.
  let decoyHash: Promise<string> | undefined;
  const decoyAnswerHash = () => {
    decoyHash ??= ctx.hasher.hash(randomId(32));
    return decoyHash;
  };

  /** Pads every anonymous answer, success or failure, to the same minimum time. */
  async function padded<T>(work: () => Promise<T>): Promise<T> {
    const started = ctx.clock.now();
    try {
      return await work();
    } finally {
      const left = ctx.responseFloorMs - (ctx.clock.now() - started);
      if (left > 0) await ctx.clock.sleep(left);
    }
  }

  async function liveFlow(publicId: string): Promise<ResetFlowState> {
    const flow = await loadFlow<ResetData>(ctx, "reset", publicId);
    if (flow.data.dead) throw new SsprProblem("attempts-exceeded");
    if (flow.data.completed) throw new SsprProblem("step-out-of-order");
    await assertNotBlocked(ctx, flow.record.subject);
    return flow;
  }

  async function record(
    flow: ResetFlowState,
    method: FlowMethod,
  ): Promise<MethodRecord | undefined> {
    if (!flow.data.userId || !method.recordId) return undefined;
    return (await ctx.store.listMethods(flow.data.userId)).find((m) => m.id === method.recordId);
  }

  async function sendCode(
    flow: ResetFlowState,
    method: FlowMethod,
    active: ActiveMethod,
    policy: Policy,
  ) {
    await consumeSend(ctx, flow.record.subject, method.recordId ?? method.id);
    const { code, state } = await issueCode(
      ctx,
      `${flow.record.id}\u0000${method.id}`,
      policy.codes.length,
      policy.codes.lifetimeMinutes,
    );
    const target = await record(flow, method);
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
      attempts: 0,
      resendAvailableAt: ctx.clock.now() + ctx.limits.resendCooldownSeconds * 1000,
    };
  }

  /**
   * Saves new state (compare-and-set) and returns the flow as saved; losing the race throws
   * `lost`: `conflict` for an edit, `step-out-of-order` for a claim (a code used, a completion).
   */
  async function saveOr(
    flow: ResetFlowState,
    data: ResetData,
    lost: "conflict" | "step-out-of-order" = "conflict",
  ): Promise<ResetFlowState> {
    if (!(await saveFlow(ctx, flow, data))) throw new SsprProblem(lost);
    return { record: { ...flow.record, data, version: flow.record.version + 1 }, data };
  }

  /**
   * Counts a wrong code or answer against the flow (compare-and-set, retried so concurrent
   * wrong tries all count) and the user; the try that exhausts the code kills the flow.
   */
  async function failAttempt(publicId: string, flow: ResetFlowState): Promise<never> {
    await recordVerifyFailure(ctx, flow.record.subject);
    let current = flow;
    for (;;) {
      const active = current.data.active;
      if (!active || current.data.dead) throw new SsprProblem("attempts-exceeded");
      const attempts = active.attempts + 1;
      const dead = attempts >= ctx.limits.attemptsPerCode;
      const data = { ...current.data, dead, active: { ...active, attempts } };
      if (await saveFlow(ctx, current, data)) {
        await audit(ctx, {
          type: "reset.verify-failed",
          actor: null,
          subject: current.data.userId,
          outcome: "failure",
          detail: { attempts },
        });
        if (dead) throw new SsprProblem("attempts-exceeded");
        throw new SsprProblem("code-invalid", {
          attemptsLeft: ctx.limits.attemptsPerCode - attempts,
        });
      }
      current = await loadFlow<ResetData>(ctx, "reset", publicId);
    }
  }

  async function markVerified(
    flow: ResetFlowState,
    publicId: string,
    methodId: string,
  ): Promise<ResetFlow> {
    const method = flow.data.methods.find((m) => m.id === methodId);
    const verified = [...flow.data.verified, methodId];
    const user =
      flow.data.userId && verified.length >= flow.data.required
        ? await ctx.directory.getUser(flow.data.userId)
        : null;
    const data = {
      ...flow.data,
      verified,
      verifiedBy: [
        ...(flow.data.verifiedBy ?? []),
        flow.data.active?.channel ?? method?.kind ?? "unknown",
      ],
      canUnlock: user?.locked === true && (await currentPolicy(ctx)).policy.accountUnlock,
      active: null,
    };
    // Losing the compare-and-set means a concurrent request used this code first.
    const saved = await saveOr(flow, data, "step-out-of-order");
    await audit(ctx, {
      type: "reset.method-verified",
      actor: flow.data.userId,
      subject: flow.data.userId,
      outcome: "success",
      detail: { method: method?.kind ?? null, channel: flow.data.active?.channel ?? null },
    });
    return view(publicId, saved);
  }

  function activeMethod(flow: ResetFlowState): { active: ActiveMethod; method: FlowMethod } {
    const active = flow.data.active;
    const method = flow.data.methods.find((m) => m.id === active?.methodId);
    if (!active || !method || flow.data.verified.length >= flow.data.required) {
      throw new SsprProblem("step-out-of-order");
    }
    return { active, method };
  }

  function contactMatches(
    kind: RegisteredMethodKind,
    typed: string,
    stored: string | null | undefined,
  ): boolean {
    const normalised =
      kind === "email" ? normaliseEmail(typed) : normalisePhone(typed, ctx.defaultCountry);
    return stored !== null && stored !== undefined && normalised === stored;
  }

  return {
    async getResetConfig(): Promise<ResetConfig> {
      const { policy } = await currentPolicy(ctx);
      return {
        helpdesk: policy.helpdesk,
        password: {
          minLength: policy.password.minLength,
          requireStrong: policy.password.requireStrong,
        },
      };
    },

    getBotChallenge: () => ctx.botCheck.createChallenge(),

    startReset: (rc: RequestContext, input: StartResetRequest) =>
      padded(async () => {
        const request = validate(startResetRequestSchema, input);
        await consumeStart(ctx, rc.clientAddress ?? "local");
        const verdict = await ctx.botCheck.verify(request.botProof);
        if (
          !verdict.verified ||
          !(await ctx.store.claimOnce(`bot:${verdict.proofId}`, verdict.expiresAt, ctx.clock.now()))
        ) {
          throw new SsprProblem("bot-check-failed");
        }
        const { policy } = await currentPolicy(ctx);
        const user = await ctx.directory.findUser(request.identifier);
        const records = user ? await ctx.store.listMethods(user.id) : [];
        const usable = user ? usableMethods(policy, user, records) : [];
        const real =
          user &&
          !user.disabled &&
          isEnabledFor(policy, user) &&
          usable.length >= requiredFor(policy, user)
            ? user
            : null;
        const decoyKey = toBase64Url(
          await ctx.keyring.derive("decoy", request.identifier.normalize("NFKC").toLowerCase()),
        );
        const subject = real ? real.id : `decoy:${decoyKey}`;
        await assertNotBlocked(ctx, subject);
        const methods = real
          ? usable.map((m) => toFlowMethod(policy, m))
          : await decoyMethods(ctx, policy, request.identifier);
        const { publicId, flow } = await createFlow<ResetData>(
          ctx,
          "reset",
          subject,
          startingData({
            userId: real?.id ?? null,
            locale: request.locale ?? "en",
            policyRequired: policy.methodsRequired,
            required: real ? requiredFor(policy, real) : policy.methodsRequired,
            methods,
            invited: false,
          }),
        );
        await audit(ctx, {
          type: "reset.started",
          actor: null,
          subject: real?.id ?? null,
          outcome: real ? "success" : "failure",
          detail: { eligible: real !== null },
        });
        return view(publicId, flow);
      }),

    chooseMethod: (_rc: RequestContext, input: ChooseMethodRequest) =>
      padded(async () => {
        const request = validate(chooseMethodRequestSchema, input);
        const flow = await liveFlow(request.flowId);
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
          resendAvailableAt: null,
          questions: [],
          attempts: 0,
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
          const target = await record(flow, method);
          active = await sendCode(
            flow,
            method,
            {
              ...active,
              channel,
              contactMatched: contactMatches(method.kind, request.contact, target?.contact),
            },
            policy,
          );
        } else if (method.kind === "questions") {
          const target = await record(flow, method);
          const offered = availableQuestions(policy);
          const registered = target
            ? target.answers.map((a) => a.questionId)
            : offered.map((q) => q.id);
          const pool = offered.filter((q) => registered.includes(q.id));
          const asked: { id: string; text: string }[] = [];
          while (asked.length < Math.min(policy.securityQuestions.toAsk, pool.length)) {
            const pick = pool[randomBelow(pool.length)];
            if (pick && !asked.includes(pick)) asked.push(pick);
          }
          active = { ...active, questions: asked };
        }
        const saved = await saveOr(flow, { ...flow.data, active });
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
      padded(async () => {
        const request = validate(flowRequestSchema, input);
        const flow = await liveFlow(request.flowId);
        const { active, method } = activeMethod(flow);
        if (!active.channel || active.resendAvailableAt === null)
          throw new SsprProblem("step-out-of-order");
        const wait = active.resendAvailableAt - ctx.clock.now();
        if (wait > 0)
          throw new SsprProblem("throttled", { retryAfterSeconds: Math.ceil(wait / 1000) });
        const { policy } = await currentPolicy(ctx);
        const next = await sendCode(flow, method, active, policy);
        return view(request.flowId, await saveOr(flow, { ...flow.data, active: next }));
      }),

    verifyCode: (_rc: RequestContext, input: VerifyCodeRequest) =>
      padded(async () => {
        const request = validate(verifyCodeRequestSchema, input);
        const flow = await liveFlow(request.flowId);
        const { active, method } = activeMethod(flow);
        if (method.kind === "questions") throw new SsprProblem("step-out-of-order");
        let matched: boolean;
        if (method.kind === "app") {
          const target = await record(flow, method);
          const secret = target?.secret ? await ctx.keyring.decrypt(target.secret) : null;
          const step = secret ? totpStep(secret, request.code, ctx.clock.now()) : null;
          matched =
            step !== null &&
            target !== undefined &&
            (await ctx.store.advanceMethodStep(target.userId, target.id, step));
        } else {
          if (!active.code) throw new SsprProblem("step-out-of-order");
          if (active.code.expiresAt <= ctx.clock.now()) throw new SsprProblem("code-expired");
          const correct = await codeMatches(
            ctx,
            `${flow.record.id}\u0000${method.id}`,
            request.code,
            active.code,
          );
          matched = correct && active.contactMatched;
        }
        if (!matched) return failAttempt(request.flowId, flow);
        return markVerified(flow, request.flowId, method.id);
      }),

    answerQuestions: (_rc: RequestContext, input: AnswerQuestionsRequest) =>
      padded(async () => {
        const request = validate(answerQuestionsRequestSchema, input);
        const flow = await liveFlow(request.flowId);
        const { active, method } = activeMethod(flow);
        if (method.kind !== "questions") throw new SsprProblem("step-out-of-order");
        const target = await record(flow, method);
        const checks = await Promise.all(
          active.questions.map(async ({ id: questionId }) => {
            const given = request.answers.find((a) => a.questionId === questionId);
            const stored = target?.answers.find((a) => a.questionId === questionId);
            // Hash even when nothing is stored, so a decoy costs the same.
            const verified = await ctx.hasher.verify(
              stored?.hash ?? (await decoyAnswerHash()),
              normaliseAnswer(given?.answer ?? ""),
            );
            return verified && stored !== undefined && given !== undefined;
          }),
        );
        if (!checks.every(Boolean)) return failAttempt(request.flowId, flow);
        return markVerified(flow, request.flowId, method.id);
      }),

    completeReset: (_rc: RequestContext, input: CompleteResetRequest) =>
      padded(async () => {
        const request = validate(completeResetRequestSchema, input);
        const flow = await liveFlow(request.flowId);
        const userId = flow.data.userId;
        if (!userId || flow.data.verified.length < flow.data.required)
          throw new SsprProblem("step-out-of-order");
        const { policy } = await currentPolicy(ctx);
        const user = await ctx.directory.getUser(userId);
        if (!user) throw new SsprProblem("flow-expired");
        const records = await ctx.store.listMethods(userId);
        const password = normalisePassword(request.newPassword);
        const evaluation = evaluatePassword(password, policy.password, {
          personal: [
            user.displayName,
            ...user.identifiers,
            ...records.flatMap((m) => (m.kind === "email" && m.contact ? [m.contact] : [])),
          ],
        });
        const history: RuleResult = {
          rule: "history",
          passed: !(await ctx.directory.isPasswordReused(
            userId,
            password,
            policy.password.historyCount,
          )),
        };
        if (!evaluation.ok || !history.passed) {
          await audit(ctx, {
            type: "reset.password-rejected",
            actor: userId,
            subject: userId,
            outcome: "failure",
            detail: {
              rules: [...evaluation.results, history]
                .filter((r) => !r.passed)
                .map((r) => r.rule)
                .join(","),
            },
          });
          throw new SsprProblem("password-rejected", { rules: [...evaluation.results, history] });
        }
        // Claim completion first: of concurrent completes only the winner sets the password.
        const done = await saveOr(flow, { ...flow.data, completed: true }, "step-out-of-order");
        await ctx.directory.setPassword(userId, password, { mustChange: false });
        if (policy.notifications.notifyUserOnReset)
          await messageContacts(
            ctx,
            records,
            { kind: "password-changed" },
            flow.data.locale,
            `${flow.record.id}:changed`,
          );
        await audit(ctx, {
          type: "reset.completed",
          actor: userId,
          subject: userId,
          outcome: "success",
          detail: {
            methods: flow.data.verified.length,
            via: flow.data.invited ? "invitation" : verifiedVia(flow.data),
          },
        });
        await ctx.onPasswordChanged?.(userId);
        return view(request.flowId, done);
      }),

    unlockAccount: (_rc: RequestContext, input: FlowRequest) =>
      padded(async () => {
        const request = validate(flowRequestSchema, input);
        const flow = await liveFlow(request.flowId);
        const userId = flow.data.userId;
        const { policy } = await currentPolicy(ctx);
        const user = userId ? await ctx.directory.getUser(userId) : null;
        if (
          !user ||
          flow.data.invited ||
          flow.data.verified.length < flow.data.required ||
          !policy.accountUnlock ||
          !user.locked
        )
          throw new SsprProblem("step-out-of-order");
        const unlocked = await saveOr(
          flow,
          { ...flow.data, completed: true, unlocked: true },
          "step-out-of-order",
        );
        await ctx.directory.unlock(user.id);
        await audit(ctx, {
          type: "reset.unlocked",
          actor: user.id,
          subject: user.id,
          outcome: "success",
          detail: { methods: flow.data.verified.length, via: verifiedVia(flow.data) },
        });
        return view(request.flowId, unlocked);
      }),

    redeemInvitation: (rc: RequestContext, input: RedeemInvitationRequest) =>
      padded(async () => {
        const request = validate(redeemInvitationRequestSchema, input);
        await consumeStart(ctx, rc.clientAddress ?? "local");
        const userId = await redeem(ctx, request.invitation);
        const user = await ctx.directory.getUser(userId);
        if (!user || user.disabled) throw new SsprProblem("flow-expired");
        // No methods to verify: the administrator's invitation stands for them.
        const { publicId, flow } = await createFlow<ResetData>(
          ctx,
          "reset",
          user.id,
          startingData({
            userId: user.id,
            locale: request.locale ?? "en",
            policyRequired: 0,
            required: 0,
            methods: [],
            invited: true,
          }),
        );
        await audit(ctx, {
          type: "reset.started",
          actor: null,
          subject: user.id,
          outcome: "success",
          detail: { eligible: true, invitation: true },
        });
        return view(publicId, flow);
      }),
  };
}
