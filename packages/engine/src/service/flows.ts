import { SsprProblem } from "@sspr/core";
import type { FlowRecord, Json } from "../adapters/store.js";
import { randomId, sha256 } from "../crypto/random.js";
import type { EngineContext } from "./context.js";

/** JSON-shaped flow state. */
type FlowData = { [key: string]: Json };

/**
 * The shape each kind of flow's state has now. A release that changes a shape raises its
 * number, and a flow saved by an earlier release (up to `flowMinutes` old) is then
 * `flow-expired` (start again) rather than read as the new shape and failing half-way.
 * State saved before formats were recorded counts as format 1.
 */
const formats: Record<FlowRecord["kind"], number> = {
  // 2: each method's stable key, its record, a decoy's questions; the active code's tries key.
  reset: 2,
  registration: 1,
  invitation: 1,
};

const stamped = <T extends FlowData>(kind: FlowRecord["kind"], data: T) => ({
  ...data,
  format: formats[kind],
});

/** A loaded flow: the record and its typed state. */
export interface LoadedFlow<T extends FlowData> {
  record: FlowRecord;
  data: T;
}

/**
 * Starts a flow. The caller gets a 128-bit random id; the store keeps only its SHA-256, so
 * reading the store never yields a live flow id.
 */
export async function createFlow<T extends FlowData>(
  ctx: EngineContext,
  kind: FlowRecord["kind"],
  subject: string,
  data: T,
  lifetimeMs: number = ctx.limits.flowMinutes * 60_000,
): Promise<{ publicId: string; flow: LoadedFlow<T> }> {
  const publicId = randomId();
  const record: FlowRecord = {
    id: await sha256(publicId),
    kind,
    subject,
    data: stamped(kind, data),
    version: 1,
    expiresAt: ctx.clock.now() + lifetimeMs,
  };
  await ctx.store.createFlow(record);
  return { publicId, flow: { record, data } };
}

/**
 * Loads a live flow of this kind; a missing, expired or foreign one, or one an earlier release
 * saved in another shape, is `flow-expired`.
 */
export async function loadFlow<T extends FlowData>(
  ctx: EngineContext,
  kind: FlowRecord["kind"],
  publicId: string,
): Promise<LoadedFlow<T>> {
  const record = await ctx.store.getFlow(await sha256(publicId));
  if (
    !record ||
    record.kind !== kind ||
    record.expiresAt <= ctx.clock.now() ||
    (record.data.format ?? 1) !== formats[kind]
  ) {
    throw new SsprProblem("flow-expired");
  }
  return { record, data: record.data as T };
}

/** Saves new state if nobody changed the flow since it was loaded (compare-and-set). */
export function saveFlow<T extends FlowData>(
  ctx: EngineContext,
  flow: LoadedFlow<T>,
  data: T,
): Promise<boolean> {
  return ctx.store.updateFlow({
    ...flow.record,
    data: stamped(flow.record.kind, data),
    version: flow.record.version + 1,
  });
}
