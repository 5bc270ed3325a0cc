import type { Clock } from "../adapters/clock.js";

/** The real time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A clock that moves only when told: expiry, throttles and lockouts become testable without
 * waiting. Sleeping advances it, so a test can see how long the engine waited.
 */
export class ManualClock implements Clock {
  #now: number;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves the clock forward. */
  advance(ms: number): void {
    this.#now += ms;
  }

  /** Sets the clock to an instant. */
  set(epochMs: number): void {
    this.#now = epochMs;
  }

  sleep(ms: number): Promise<void> {
    this.advance(ms);
    return Promise.resolve();
  }
}
