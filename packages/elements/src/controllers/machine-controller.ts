import type { SsprApi } from "@sspr/core";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import {
  type Actor,
  type AnyStateMachine,
  createActor,
  type InputFrom,
  type Subscription,
} from "xstate";
import { ApiFollower } from "./api-follower.js";

/**
 * Runs a machine for a component with the API the component resolves now: starts its actor
 * when the host connects and an API is there, restarts it whenever that API changes (a page
 * that sets `.api` after the element connected, a provider that shares a new one), and
 * re-renders the host on every snapshot.
 *
 * A disconnected host keeps its actor: frameworks detach and re-attach elements they move, and
 * the user's flow must survive that. An actor left idle holds no timer, so an element that
 * never comes back is collected with it.
 */
export class MachineController<M extends AnyStateMachine> implements ReactiveController {
  #actor: Actor<M> | undefined;
  #subscription: Subscription | undefined;
  readonly #source: ApiFollower;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly machine: M,
    api: () => SsprApi | null,
    private readonly input: (api: SsprApi) => InputFrom<M>,
    /** Called with each new actor once it runs (an invitation to redeem, say). */
    private readonly started?: (actor: Actor<M>) => void,
  ) {
    this.#source = new ApiFollower(api);
    host.addController(this);
  }

  /** True while an actor runs, that is once the host connected with an API. */
  get running(): boolean {
    return this.#actor !== undefined;
  }

  /** The running actor; only while {@link running}. */
  get actor(): Actor<M> {
    if (!this.#actor) throw new Error("The machine runs only once its element has an API");
    return this.#actor;
  }

  hostConnected(): void {
    this.#follow();
  }

  // Before every render: a property or a provider's context that changed the API shows here.
  hostUpdate(): void {
    this.#follow();
  }

  /** Starts the actor with the API resolved now, or again with a new one. */
  #follow(): void {
    if (!this.#source.changed() && (this.#actor || !this.#source.current)) return;
    this.#subscription?.unsubscribe();
    this.#actor?.stop();
    this.#actor = undefined;
    const api = this.#source.current;
    if (!api) return;
    const actor = createActor(this.machine, { input: this.input(api) });
    this.#subscription = actor.subscribe(() => this.host.requestUpdate());
    this.#actor = actor;
    actor.start();
    this.started?.(actor);
  }
}
