/**
 * The fixed-window counters behind the throttles. The store keeps them by default; Redis keeps
 * them when several instances should count together at a high rate (`@sspr/server`).
 */
export interface Counters {
  /**
   * Adds one to a fixed-window counter and returns the new count. A counter that is missing or
   * whose window ended starts again at 1 with a window of `windowMs` from `now`.
   */
  incrementCounter(key: string, windowMs: number, now: number): Promise<number>;
  /**
   * Takes one back from a counter in its current window (never below 0); nothing when missing
   * or ended. Settles a reserved try that turned out not to count (a right code).
   */
  decrementCounter(key: string, now: number): Promise<void>;
  /** The counter's value in its current window, 0 when missing or ended. */
  readCounter(key: string, now: number): Promise<number>;
  /**
   * When the counter's current window ends (ms since the epoch), null when missing or ended:
   * how long a throttle still refuses, for `Retry-After`.
   */
  counterResetAt(key: string, now: number): Promise<number | null>;
}
