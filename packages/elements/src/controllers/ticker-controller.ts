import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * Re-renders its host every second while `running()` says so: what a visible countdown needs,
 * and nothing ticking when none is shown.
 */
export class TickerController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly running: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.running() && !this.#timer) {
      this.#timer = setInterval(() => this.host.requestUpdate(), 1000);
    } else if (!this.running() && this.#timer) {
      this.hostDisconnected();
    }
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
