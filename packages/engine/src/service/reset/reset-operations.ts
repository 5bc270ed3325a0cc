import type { ResetConfig } from "@sspr/core";
import type { EngineContext } from "../context.js";
import { currentPolicy } from "../policy-source.js";
import { createChooseStep } from "./choose.js";
import { createCompleteStep } from "./complete.js";
import { createInvitationStep } from "./invitation.js";
import { createStartStep } from "./start.js";
import { createVerifyStep } from "./verify.js";

/**
 * The anonymous self-service reset, one file a step: start (or an invitation), choose a method,
 * verify it, complete. Every answer is padded to the same floor, whoever the user is.
 */
export function createResetOperations(ctx: EngineContext) {
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
    ...createStartStep(ctx),
    ...createChooseStep(ctx),
    ...createVerifyStep(ctx),
    ...createCompleteStep(ctx),
    ...createInvitationStep(ctx),
  };
}
