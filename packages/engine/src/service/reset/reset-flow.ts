import { SsprProblem } from "@sspr/core";
import type { MethodRecord } from "../../adapters/store.js";
import type { EngineContext } from "../context.js";
import { loadFlow, saveFlow } from "../flows.js";
import { assertNotBlocked } from "../throttle.js";
import type { ActiveMethod, FlowMethod, ResetData, ResetFlowState } from "./reset-state.js";

/** Pads every anonymous answer, success or failure, to the same minimum time. */
export async function padded<T>(ctx: EngineContext, work: () => Promise<T>): Promise<T> {
  const started = ctx.clock.now();
  try {
    return await work();
  } finally {
    const left = ctx.responseFloorMs - (ctx.clock.now() - started);
    if (left > 0) await ctx.clock.sleep(left);
  }
}

/** Loads a reset flow that can still move: not dead, not done, its subject not blocked. */
export async function liveFlow(ctx: EngineContext, publicId: string): Promise<ResetFlowState> {
  const flow = await loadFlow<ResetData>(ctx, "reset", publicId);
  if (flow.data.dead) throw new SsprProblem("attempts-exceeded");
  if (flow.data.completed) throw new SsprProblem("step-out-of-order");
  await assertNotBlocked(ctx, flow.record.subject);
  return flow;
}

/**
 * Saves new state (compare-and-set) and returns the flow as saved; losing the race throws
 * `lost`: `conflict` for an edit, `step-out-of-order` for a claim (a code used, a completion).
 */
export async function saveOr(
  ctx: EngineContext,
  flow: ResetFlowState,
  data: ResetData,
  lost: "conflict" | "step-out-of-order" = "conflict",
): Promise<ResetFlowState> {
  if (!(await saveFlow(ctx, flow, data))) throw new SsprProblem(lost);
  return { record: { ...flow.record, data, version: flow.record.version + 1 }, data };
}

/** The registered method behind a flow's method; undefined for a decoy. */
export async function methodRecord(
  ctx: EngineContext,
  flow: ResetFlowState,
  method: FlowMethod,
): Promise<MethodRecord | undefined> {
  if (!flow.data.userId || !method.recordId) return undefined;
  return (await ctx.store.listMethods(flow.data.userId)).find((m) => m.id === method.recordId);
}

/** The method being verified, or `step-out-of-order` when there is none to verify. */
export function activeMethod(flow: ResetFlowState): { active: ActiveMethod; method: FlowMethod } {
  const active = flow.data.active;
  const method = flow.data.methods.find((m) => m.id === active?.methodId);
  if (!active || !method || flow.data.verified.length >= flow.data.required) {
    throw new SsprProblem("step-out-of-order");
  }
  return { active, method };
}
