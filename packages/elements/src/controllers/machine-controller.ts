import type { ReactiveController, ReactiveControllerHost } from "lit";
import {
  type Actor,
  type AnyStateMachine,
  createActor,
  type InputFrom,
  type Subscription,
} from "xstate";

/**
 * Runs a machine for a component: creates and starts its actor when the host connects,
 * re-renders the host on every snapshot, stops it when the host disconnects.
 */
export class MachineController<M extends AnyStateMachine> implements ReactiveController {
  #actor: Actor<M> | undefined;
  #subscription: Subscription | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly machine: M,
    private readonly input: () => InputFrom<M>,
  ) {
    host.addController(this);
  }

  /** The running actor; only while the host is connected. */
  get actor(): Actor<M> {
    if (!this.#actor) throw new Error("The machine runs only while its element is connected");
    return this.#actor;
  }

  hostConnected(): void {
    this.#actor = createActor(this.machine, { input: this.input() });
    this.#subscription = this.#actor.subscribe(() => this.host.requestUpdate());
    this.#actor.start();
  }

  hostDisconnected(): void {
    this.#subscription?.unsubscribe();
    this.#actor?.stop();
    this.#actor = undefined;
  }
}
