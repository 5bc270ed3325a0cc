import { SsprProblem, type VersionedPolicy, versionedPolicySchema } from "@sspr/core";
import { audit } from "./audit.js";
import type { EngineContext, RequestContext } from "./context.js";
import { currentPolicy } from "./policy-source.js";
import { signedInAdmin } from "./principal.js";
import { validate } from "./validate.js";

/** Reading and saving the policy, for administrators. */
export function createPolicyOperations(ctx: EngineContext) {
  return {
    async getPolicy(rc: RequestContext): Promise<VersionedPolicy> {
      await signedInAdmin(ctx, rc);
      return currentPolicy(ctx);
    },

    /** Saves the policy if nobody saved since the version the admin loaded. */
    async savePolicy(rc: RequestContext, input: VersionedPolicy): Promise<VersionedPolicy> {
      const admin = await signedInAdmin(ctx, rc);
      const { policy, version } = validate(versionedPolicySchema, input);
      if (!(await ctx.store.savePolicy(policy, version))) throw new SsprProblem("conflict");
      await audit(ctx, {
        type: "policy.saved",
        actor: admin.id,
        subject: null,
        outcome: "success",
        detail: { version: version + 1 },
      });
      return { policy, version: version + 1 };
    },
  };
}
