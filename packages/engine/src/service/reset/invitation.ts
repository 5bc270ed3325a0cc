import {
  type RedeemInvitationRequest,
  redeemInvitationRequestSchema,
  SsprProblem,
} from "@sspr/core";
import { audit } from "../audit.js";
import type { EngineContext, RequestContext } from "../context.js";
import { createFlow } from "../flows.js";
import { redeem } from "../invitations.js";
import { consumeStart } from "../throttle.js";
import { validate } from "../validate.js";
import { padded } from "./reset-flow.js";
import { type ResetData, startingData, view } from "./reset-state.js";

/** Starts a reset from an administrator's invitation: straight to the new password. */
export function createInvitationStep(ctx: EngineContext) {
  return {
    redeemInvitation: (rc: RequestContext, input: RedeemInvitationRequest) =>
      padded(ctx, async () => {
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
