import {
  type CompleteResetRequest,
  completeResetRequestSchema,
  evaluatePassword,
  type FlowRequest,
  flowRequestSchema,
  normalisePassword,
  type RuleResult,
  SsprProblem,
} from "@sspr/core";
import { audit } from "../audit.js";
import { messageContacts } from "../contact-messages.js";
import type { EngineContext, RequestContext } from "../context.js";
import { currentPolicy } from "../policy-source.js";
import { validate } from "../validate.js";
import { liveFlow, padded, saveOr } from "./reset-flow.js";
import { verifiedVia, view } from "./reset-state.js";

/** The last step: a new password that meets the rules, or unlocking the account instead. */
export function createCompleteStep(ctx: EngineContext) {
  return {
    completeReset: (_rc: RequestContext, input: CompleteResetRequest) =>
      padded(ctx, async () => {
        const request = validate(completeResetRequestSchema, input);
        const flow = await liveFlow(ctx, request.flowId);
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
        const done = await saveOr(
          ctx,
          flow,
          { ...flow.data, completed: true },
          "step-out-of-order",
        );
        await ctx.directory.setPassword(userId, password, { mustChange: false });
        // Sessions end with the old password, before anything else can fail.
        await ctx.onPasswordChanged?.(userId);
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
        return view(request.flowId, done);
      }),

    unlockAccount: (_rc: RequestContext, input: FlowRequest) =>
      padded(ctx, async () => {
        const request = validate(flowRequestSchema, input);
        const flow = await liveFlow(ctx, request.flowId);
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
          ctx,
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
  };
}
