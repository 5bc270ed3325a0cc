import {
  type CompleteResetRequest,
  completeResetRequestSchema,
  type FlowRequest,
  flowRequestSchema,
  normalisePassword,
  SsprProblem,
} from "@sspr/core";
import { notifyAdminsOfAdminReset } from "../admin-reset-notice.js";
import { audit } from "../audit.js";
import { messageContacts } from "../contact-messages.js";
import type { EngineContext, RequestContext } from "../context.js";
import { newPasswordResults } from "../new-password-rules.js";
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
        const rules = await newPasswordResults(ctx, policy, user, records, password);
        if (!rules.every((r) => r.passed)) {
          await audit(ctx, {
            type: "reset.password-rejected",
            actor: userId,
            subject: userId,
            outcome: "failure",
            detail: {
              rules: rules
                .filter((r) => !r.passed)
                .map((r) => r.rule)
                .join(","),
            },
          });
          throw new SsprProblem("password-rejected", { rules });
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
        await notifyAdminsOfAdminReset(
          ctx,
          policy,
          user,
          null,
          flow.data.locale,
          `${flow.record.id}:admin-notice`,
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
