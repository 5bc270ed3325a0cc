import {
  type AddContactRequest,
  addContactRequestSchema,
  type Locale,
  type MethodRequest,
  methodRequestSchema,
  type PendingApp,
  type PendingContact,
  type PendingRequest,
  type Policy,
  pendingRequestSchema,
  type RegisteredMethodKind,
  type RegistrationStatus,
  type SetQuestionsRequest,
  SsprProblem,
  setQuestionsRequestSchema,
  type VerifyPendingRequest,
  verifyPendingRequestSchema,
} from "@sspr/core";
import { renderSVG } from "uqr";
import type { DirectoryUser } from "../adapters/directory.js";
import type { MethodRecord } from "../adapters/store.js";
import { randomId } from "../crypto/random.js";
import { availableQuestions, normaliseAnswer } from "./answers.js";
import { audit } from "./audit.js";
import { type CodeState, codeMatches, issueCode } from "./codes.js";
import { messageContacts } from "./contact-messages.js";
import { normaliseEmail, normalisePhone } from "./contacts.js";
import type { EngineContext, RequestContext } from "./context.js";
import { createFlow, type LoadedFlow, loadFlow, saveFlow } from "./flows.js";
import { fixedHints, maskEmail, maskPhone } from "./masking.js";
import { renderMessage } from "./messages.js";
import { queueMessage } from "./outbox.js";
import {
  currentPolicy,
  isEnabledFor,
  isUsable,
  registrationDue,
  requiredFor,
} from "./policy-source.js";
import { signedInUser } from "./principal.js";
import { consumeSend, reserveCodeTry } from "./throttle.js";
import { newTotpSecret, totpStep, totpUri } from "./totp.js";
import { validate } from "./validate.js";

type PendingData = {
  userId: string;
  kind: "email" | "phone" | "app";
  /** The address or number being proven; null for an app. */
  contact: string | null;
  /** The app's secret, encrypted; null for contacts. */
  secret: string | null;
  code: CodeState | null;
  resendAvailableAt: number;
  attempts: number;
  done: boolean;
};

const iso = (ms: number) => new Date(ms).toISOString();

function hintOf(method: Pick<MethodRecord, "kind" | "contact">): string {
  if (method.kind === "email") return maskEmail(method.contact ?? "");
  if (method.kind === "phone") return maskPhone(method.contact ?? "");
  return fixedHints[method.kind];
}

/** The signed-in user's security info: what the policy requires, add, verify, remove, re-confirm. */
export function createRegistrationOperations(ctx: EngineContext) {
  /** A method record for a user, proven now. */
  const newMethod = (
    userId: string,
    fields: Partial<MethodRecord> & Pick<MethodRecord, "kind">,
  ): MethodRecord => ({
    id: randomId(9),
    userId,
    contact: null,
    secret: null,
    answers: [],
    lastStep: 0,
    createdAt: ctx.clock.now(),
    ...fields,
  });

  async function status(
    user: DirectoryUser,
    policy: Policy,
    locale: Locale = "en",
  ): Promise<RegistrationStatus> {
    const methods = await ctx.store.listMethods(user.id);
    const confirmedAt = await ctx.store.getConfirmedAt(user.id);
    const required = isEnabledFor(policy, user) ? requiredFor(policy, user) : 0;
    return {
      required,
      allowed: { ...policy.methods, questions: policy.methods.questions && !user.isAdmin },
      methods: methods.map((m) => ({
        id: m.id,
        kind: m.kind,
        hint: hintOf(m),
        createdAt: iso(m.createdAt),
      })),
      // Registration is asked at sign-in only when the policy says so; else it is offered.
      due: policy.registration.requireAtSignIn
        ? registrationDue(policy, user, methods, confirmedAt, ctx.clock.now())
        : "none",
      confirmedAt: confirmedAt === null ? null : iso(confirmedAt),
      questions: {
        toRegister: policy.securityQuestions.toRegister,
        available: availableQuestions(policy, locale),
      },
    };
  }

  async function allowedUser(rc: RequestContext, kind: RegisteredMethodKind) {
    const user = await signedInUser(ctx, rc);
    const { policy } = await currentPolicy(ctx);
    if (!isEnabledFor(policy, user) || !isUsable(policy, user, kind))
      throw new SsprProblem("method-not-allowed");
    return { user, policy };
  }

  async function pendingOf(
    rc: RequestContext,
    pendingId: string,
  ): Promise<LoadedFlow<PendingData>> {
    const user = await signedInUser(ctx, rc);
    const flow = await loadFlow<PendingData>(ctx, "registration", pendingId);
    // Another user's pending id reads as expired: nothing to learn from it.
    if (flow.data.userId !== user.id || flow.data.done) throw new SsprProblem("flow-expired");
    if (flow.data.attempts >= ctx.limits.attemptsPerCode)
      throw new SsprProblem("attempts-exceeded");
    return flow;
  }

  async function sendContactCode(
    flow: { record: { id: string } },
    data: PendingData,
    policy: Policy,
    locale: Locale,
  ): Promise<PendingData> {
    await consumeSend(ctx, data.userId, `register:${data.kind}`);
    const { code, state } = await issueCode(
      ctx,
      flow.record.id,
      policy.codes.length,
      policy.codes.lifetimeMinutes,
    );
    const channel = data.kind === "email" ? "email" : "sms";
    const text = renderMessage(
      { kind: "code", code, minutes: policy.codes.lifetimeMinutes },
      channel,
      locale,
      ctx.appName,
    );
    await queueMessage(ctx, { channel, to: data.contact ?? "", ...text });
    return {
      ...data,
      code: state,
      attempts: 0,
      resendAvailableAt: ctx.clock.now() + ctx.limits.resendCooldownSeconds * 1000,
    };
  }

  function pendingView(pendingId: string, data: PendingData): PendingContact {
    return {
      pendingId,
      kind: data.kind === "email" ? "email" : "phone",
      hint: hintOf({ kind: data.kind, contact: data.contact }),
      codeExpiresAt: iso(data.code?.expiresAt ?? 0),
      resendAvailableAt: iso(data.resendAvailableAt),
    };
  }

  /**
   * A wrong code for a pending registration, its try already reserved: the last try marks the
   * registration dead (compare-and-set, retried past concurrent changes).
   */
  async function failPending(
    rc: RequestContext,
    pendingId: string,
    flow: LoadedFlow<PendingData>,
    triesLeft: number,
  ): Promise<never> {
    if (triesLeft > 0) throw new SsprProblem("code-invalid", { attemptsLeft: triesLeft });
    for (let current = flow; ; current = await pendingOf(rc, pendingId)) {
      const data = { ...current.data, attempts: ctx.limits.attemptsPerCode };
      if (await saveFlow(ctx, current, data)) throw new SsprProblem("attempts-exceeded");
    }
  }

  /** Saves a proven method, tells the user's other contacts, and records the registration. */
  async function saveMethod(
    user: DirectoryUser,
    flow: LoadedFlow<PendingData>,
    method: MethodRecord,
    locale: Locale,
  ) {
    if (!(await saveFlow(ctx, flow, { ...flow.data, done: true })))
      throw new SsprProblem("step-out-of-order");
    const others = await ctx.store.listMethods(user.id);
    await ctx.store.insertMethod(method);
    await notifyContacts(others, method.kind, locale);
    await audit(ctx, {
      type: "registration.method-added",
      actor: user.id,
      subject: user.id,
      outcome: "success",
      detail: { method: method.kind },
    });
    await confirmIfComplete(user);
  }

  const notifyContacts = (others: MethodRecord[], kind: RegisteredMethodKind, locale: Locale) =>
    messageContacts(ctx, others, { kind: "method-added", method: kind }, locale);

  /** Whether the user has registered what a reset needs (whether or not sign-in asks it). */
  async function hasRegistered(user: DirectoryUser, policy: Policy): Promise<boolean> {
    const methods = await ctx.store.listMethods(user.id);
    return registrationDue(policy, user, methods, null, ctx.clock.now()) !== "register";
  }

  async function confirmIfComplete(user: DirectoryUser) {
    const { policy } = await currentPolicy(ctx);
    if (await hasRegistered(user, policy)) await ctx.store.setConfirmedAt(user.id, ctx.clock.now());
  }

  async function currentStatus(rc: RequestContext): Promise<RegistrationStatus> {
    const user = await signedInUser(ctx, rc);
    return status(user, (await currentPolicy(ctx)).policy, rc.locale);
  }

  return {
    getRegistration: currentStatus,

    async addContactMethod(rc: RequestContext, input: AddContactRequest): Promise<PendingContact> {
      const request = validate(addContactRequestSchema, input);
      const { user, policy } = await allowedUser(rc, request.kind);
      const contact =
        request.kind === "email"
          ? normaliseEmail(request.value)
          : normalisePhone(request.value, ctx.defaultCountry);
      const { publicId, flow } = await createFlow<PendingData>(ctx, "registration", user.id, {
        userId: user.id,
        kind: request.kind,
        contact,
        secret: null,
        code: null,
        resendAvailableAt: 0,
        attempts: 0,
        done: false,
      });
      const data = await sendContactCode(flow, flow.data, policy, rc.locale ?? "en");
      if (!(await saveFlow(ctx, flow, data))) throw new SsprProblem("conflict");
      return pendingView(publicId, data);
    },

    async resendContactCode(rc: RequestContext, input: PendingRequest): Promise<PendingContact> {
      const request = validate(pendingRequestSchema, input);
      const flow = await pendingOf(rc, request.pendingId);
      if (flow.data.kind === "app") throw new SsprProblem("step-out-of-order");
      const wait = flow.data.resendAvailableAt - ctx.clock.now();
      if (wait > 0)
        throw new SsprProblem("throttled", { retryAfterSeconds: Math.ceil(wait / 1000) });
      const data = await sendContactCode(
        flow,
        flow.data,
        (await currentPolicy(ctx)).policy,
        rc.locale ?? "en",
      );
      if (!(await saveFlow(ctx, flow, data))) throw new SsprProblem("conflict");
      return pendingView(request.pendingId, data);
    },

    async verifyContactMethod(
      rc: RequestContext,
      input: VerifyPendingRequest,
    ): Promise<RegistrationStatus> {
      const request = validate(verifyPendingRequestSchema, input);
      const flow = await pendingOf(rc, request.pendingId);
      const { code, kind, contact } = flow.data;
      if (kind === "app" || !code) throw new SsprProblem("step-out-of-order");
      if (code.expiresAt <= ctx.clock.now()) throw new SsprProblem("code-expired");
      // Reserved before the comparison, so parallel guesses never exceed the limit.
      const triesLeft = await reserveCodeTry(ctx, code.hash);
      if (!(await codeMatches(ctx, flow.record.id, request.code, code)))
        return failPending(rc, request.pendingId, flow, triesLeft);
      const user = await signedInUser(ctx, rc);
      await saveMethod(user, flow, newMethod(user.id, { kind, contact }), rc.locale ?? "en");
      return currentStatus(rc);
    },

    async beginAppRegistration(rc: RequestContext): Promise<PendingApp> {
      const { user } = await allowedUser(rc, "app");
      const secret = newTotpSecret();
      const { publicId } = await createFlow<PendingData>(ctx, "registration", user.id, {
        userId: user.id,
        kind: "app",
        contact: null,
        secret: await ctx.keyring.encrypt(secret),
        code: null,
        resendAvailableAt: 0,
        attempts: 0,
        done: false,
      });
      const uri = totpUri(secret, ctx.appName, user.identifiers[0] ?? user.displayName);
      return { pendingId: publicId, secret, uri, qrSvg: renderSVG(uri) };
    },

    async verifyAppRegistration(
      rc: RequestContext,
      input: VerifyPendingRequest,
    ): Promise<RegistrationStatus> {
      const request = validate(verifyPendingRequestSchema, input);
      const flow = await pendingOf(rc, request.pendingId);
      if (flow.data.kind !== "app" || !flow.data.secret) throw new SsprProblem("step-out-of-order");
      const triesLeft = await reserveCodeTry(ctx, flow.record.id);
      const step = totpStep(
        await ctx.keyring.decrypt(flow.data.secret),
        request.code,
        ctx.clock.now(),
      );
      if (step === null) return failPending(rc, request.pendingId, flow, triesLeft);
      const user = await signedInUser(ctx, rc);
      const app = newMethod(user.id, { kind: "app", secret: flow.data.secret, lastStep: step });
      await saveMethod(user, flow, app, rc.locale ?? "en");
      return currentStatus(rc);
    },

    async setSecurityQuestions(
      rc: RequestContext,
      input: SetQuestionsRequest,
    ): Promise<RegistrationStatus> {
      const request = validate(setQuestionsRequestSchema, input);
      const { user, policy } = await allowedUser(rc, "questions");
      const offered = new Set(availableQuestions(policy).map((q) => q.id));
      const ids = request.answers.map((a) => a.questionId);
      const invalid =
        ids.length !== policy.securityQuestions.toRegister
          ? `Answer exactly ${policy.securityQuestions.toRegister} questions`
          : new Set(ids).size !== ids.length
            ? "Each question once"
            : ids.some((id) => !offered.has(id))
              ? "Not a question the policy offers"
              : null;
      if (invalid)
        throw new SsprProblem("invalid-request", {
          errors: [{ path: "answers", message: invalid }],
        });
      const answers = await Promise.all(
        request.answers.map(async (a) => ({
          questionId: a.questionId,
          hash: await ctx.hasher.hash(normaliseAnswer(a.answer)),
        })),
      );
      const existing = await ctx.store.listMethods(user.id);
      for (const old of existing.filter((m) => m.kind === "questions"))
        await ctx.store.deleteMethod(user.id, old.id);
      await ctx.store.insertMethod(newMethod(user.id, { kind: "questions", answers }));
      await notifyContacts(existing, "questions", rc.locale ?? "en");
      await audit(ctx, {
        type: "registration.method-added",
        actor: user.id,
        subject: user.id,
        outcome: "success",
        detail: { method: "questions" },
      });
      await confirmIfComplete(user);
      return currentStatus(rc);
    },

    async removeMethod(rc: RequestContext, input: MethodRequest): Promise<RegistrationStatus> {
      const request = validate(methodRequestSchema, input);
      const user = await signedInUser(ctx, rc);
      const removed = (await ctx.store.listMethods(user.id)).find((m) => m.id === request.methodId);
      if (!removed || !(await ctx.store.deleteMethod(user.id, request.methodId)))
        throw new SsprProblem("not-found");
      // As when one is added: the user's other contacts hear of it (a thief removing the
      // owner's address is news to the owner).
      await messageContacts(
        ctx,
        await ctx.store.listMethods(user.id),
        { kind: "method-removed", method: removed.kind },
        rc.locale ?? "en",
      );
      await audit(ctx, {
        type: "registration.method-removed",
        actor: user.id,
        subject: user.id,
        outcome: "success",
        detail: {},
      });
      return currentStatus(rc);
    },

    async reconfirmRegistration(rc: RequestContext): Promise<RegistrationStatus> {
      const user = await signedInUser(ctx, rc);
      if (!(await hasRegistered(user, (await currentPolicy(ctx)).policy)))
        throw new SsprProblem("step-out-of-order", {
          detail: "Register the required methods first",
        });
      await ctx.store.setConfirmedAt(user.id, ctx.clock.now());
      await audit(ctx, {
        type: "registration.reconfirmed",
        actor: user.id,
        subject: user.id,
        outcome: "success",
        detail: {},
      });
      return currentStatus(rc);
    },
  };
}
