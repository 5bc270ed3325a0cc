import {
  type Policy,
  SsprProblem,
  type StartResetRequest,
  startResetRequestSchema,
} from "@sspr/core";
import type { MethodRecord } from "../../adapters/store.js";
import { toBase64Url } from "../../crypto/encoding.js";
import { randomId } from "../../crypto/random.js";
import { audit } from "../audit.js";
import type { EngineContext, RequestContext } from "../context.js";
import { createFlow } from "../flows.js";
import { fixedHints, maskEmail, maskPhone } from "../masking.js";
import { currentPolicy, isEnabledFor, requiredFor, usableMethods } from "../policy-source.js";
import { assertNotBlocked, consumeStart } from "../throttle.js";
import { validate } from "../validate.js";
import { createDecoyPopulation } from "./decoy-population.js";
import { decoyMethods } from "./decoys.js";
import { padded } from "./reset-flow.js";
import { channelsFor, type FlowMethod, type ResetData, startingData, view } from "./reset-state.js";

function toFlowMethod(policy: Policy, record: MethodRecord): FlowMethod {
  const hint =
    record.kind === "email"
      ? maskEmail(record.contact ?? "")
      : record.kind === "phone"
        ? maskPhone(record.contact ?? "")
        : fixedHints[record.kind];
  return {
    id: randomId(6),
    key: record.id,
    recordId: record.id,
    kind: record.kind,
    hint,
    channels: channelsFor(policy, record.kind),
    decoyQuestionIds: [],
  };
}

/**
 * The first step: an identifier and a bot proof start a flow. A user who cannot reset gets a
 * decoy flow that looks and costs the same (see `decoyMethods`).
 */
export function createStartStep(ctx: EngineContext) {
  const population = createDecoyPopulation(ctx);

  return {
    startReset: (rc: RequestContext, input: StartResetRequest) =>
      padded(ctx, async () => {
        const request = validate(startResetRequestSchema, input);
        await consumeStart(ctx, rc.clientAddress ?? "local");
        const verdict = await ctx.botCheck.verify(request.botProof);
        if (
          !verdict.verified ||
          !(await ctx.store.claimOnce(`bot:${verdict.proofId}`, verdict.expiresAt, ctx.clock.now()))
        ) {
          throw new SsprProblem("bot-check-failed");
        }
        const { policy, version } = await currentPolicy(ctx);
        const user = await ctx.directory.findUser(request.identifier);
        const records = user ? await ctx.store.listMethods(user.id) : [];
        const usable = user ? usableMethods(policy, user, records) : [];
        const required = user ? requiredFor(policy, user) : policy.methodsRequired;
        const real =
          user && !user.disabled && isEnabledFor(policy, user) && usable.length >= required
            ? user
            : null;
        const decoyKey = toBase64Url(
          await ctx.keyring.derive("decoy", request.identifier.normalize("NFKC").toLowerCase()),
        );
        const subject = real ? real.id : `decoy:${decoyKey}`;
        await assertNotBlocked(ctx, subject);
        // The population is read even for a real user, so both paths do the same work.
        const people = await population(policy, version);
        const methods = real
          ? usable.map((m) => toFlowMethod(policy, m))
          : await decoyMethods(ctx, policy, request.identifier, user, people, required);
        const { publicId, flow } = await createFlow<ResetData>(
          ctx,
          "reset",
          subject,
          startingData({
            userId: real?.id ?? null,
            locale: request.locale ?? "en",
            policyRequired: policy.methodsRequired,
            required,
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
  };
}
