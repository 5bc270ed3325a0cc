/** Time, injected so that expiry and throttles are testable. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Waits `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}
