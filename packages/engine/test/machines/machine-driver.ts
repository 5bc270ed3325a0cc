import type { SsprApi } from "@sspr/core";
import { expect } from "vitest";
import {
  type AnyStateMachine,
  type AnyTransitionDefinition,
  createActor,
  type EventFrom,
  type InputFrom,
  waitFor,
} from "xstate";
import { toDirectedGraph } from "xstate/graph";
import { createHttpFixture, type TestEngine } from "../fixtures.js";

/** The two ways a machine reaches the engine; every machine test runs on both. */
export type Transport = "in-process" | "HTTP";
export const transports: Transport[] = ["in-process", "HTTP"];

/** The engine as an `SsprApi` over a transport, signed in as `userId` when given. */
const apiOver = (transport: Transport, engine: TestEngine, userId?: string): SsprApi =>
  transport === "HTTP"
    ? createHttpFixture(engine).api(userId)
    : userId
      ? engine.as(userId)
      : engine.anonymous("198.51.100.7");

/** An API whose next calls fail as a dropped connection does. */
function flaky(api: SsprApi) {
  let failures = 0;
  const wrapped = Object.fromEntries(
    Object.entries(api).map(([name, call]) => [
      name,
      (...args: unknown[]) => {
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new TypeError("fetch failed"));
        }
        return (call as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as SsprApi;
  return {
    api: wrapped,
    dropNext: (count = 1) => {
      failures = count;
    },
  };
}

/** Records which transitions of a machine's graph the tests took, per transport. */
export function transitionLog() {
  const taken: Record<Transport, Set<AnyTransitionDefinition>> = {
    "in-process": new Set(),
    HTTP: new Set(),
  };
  return {
    taken,
    /** Fails, naming them, if any transition of the machine's graph was never taken. */
    expectAllTaken(machine: AnyStateMachine) {
      const edges: AnyTransitionDefinition[] = [];
      const collect = (node: ReturnType<typeof toDirectedGraph>) => {
        for (const edge of node.edges) edges.push(edge.transition);
        for (const child of node.children) collect(child);
      };
      collect(toDirectedGraph(machine));
      for (const transport of transports) {
        const missed = edges
          .filter((t) => !taken[transport].has(t))
          .map(
            (t) =>
              `${t.source.id} --${t.eventType}--> ${t.target?.map((n) => n.id).join(",") ?? "(self)"}`,
          );
        expect(missed, `${transport}: transitions no test takes`).toEqual([]);
      }
    },
  };
}

/**
 * Runs a machine on the real engine, recording its transitions; `send` waits until the machine
 * rests in a state a user sees (not one of `busy`).
 */
async function drive<M extends AnyStateMachine>(
  machine: M,
  input: InputFrom<M>,
  log: { taken: Record<Transport, Set<AnyTransitionDefinition>> },
  transport: Transport,
  busy: string[],
) {
  const actor = createActor(machine, {
    input,
    inspect: (inspection) => {
      if (inspection.type === "@xstate.microstep")
        for (const t of inspection._transitions) log.taken[transport].add(t);
    },
  }).start();
  const settled = () =>
    waitFor(actor, (s) => !busy.includes(String((s as { value?: unknown }).value)));
  const send = async (event: EventFrom<M>) => {
    actor.send(event);
    return settled();
  };
  await settled();
  return { actor, send, state: () => actor.getSnapshot() };
}

/** How {@link driveOnEngine} builds the actor. */
interface EngineDriveOptions<M extends AnyStateMachine> {
  /** The machine's input around the API it should use. */
  input: (api: SsprApi) => InputFrom<M>;
  /** States in which the machine waits on the engine. */
  busy: string[];
  /** Signed in as this user; anonymous when absent. */
  userId?: string;
  /** The first call fails as a dropped connection does. */
  offlineAtStart?: boolean;
}

/** {@link drive} on the real engine over a transport, with a network that can drop calls. */
export async function driveOnEngine<M extends AnyStateMachine>(
  machine: M,
  log: { taken: Record<Transport, Set<AnyTransitionDefinition>> },
  transport: Transport,
  engine: TestEngine,
  options: EngineDriveOptions<M>,
) {
  const network = flaky(apiOver(transport, engine, options.userId));
  if (options.offlineAtStart) network.dropNext();
  return {
    ...(await drive(machine, options.input(network.api), log, transport, options.busy)),
    network,
  };
}
