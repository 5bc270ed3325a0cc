import type { Logger } from "pino";

/** A backing service sspr serve depends on. */
export type BackingService = "database" | "redis";

/**
 * Which backing services are away right now, and since when. Each change is logged once (the
 * fault with its cause, the recovery with how long it lasted), never once per failed request.
 */
export class ServiceHealth {
  readonly #log: Logger;
  readonly #down = new Map<BackingService, { since: number; cause: string }>();

  constructor(log: Logger) {
    this.#log = log;
  }

  /** Records that a service failed; logs it if it was up. */
  down(service: BackingService, error: unknown): void {
    if (this.#down.has(service)) return;
    const cause = error instanceof Error ? error.message : String(error);
    this.#down.set(service, { since: Date.now(), cause });
    this.#log.error(
      { service, cause, code: (error as { code?: unknown }).code },
      `${service} unavailable`,
    );
  }

  /** Records that a service answered; logs the recovery if it was down. */
  up(service: BackingService): void {
    const fault = this.#down.get(service);
    if (!fault) return;
    this.#down.delete(service);
    this.#log.info({ service, downMs: Date.now() - fault.since }, `${service} available again`);
  }

  /** Calls the service once, and records whether it answered. */
  async probe(service: BackingService, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
      this.up(service);
    } catch (error) {
      this.down(service, error);
    }
  }

  /** The services away now. */
  get unavailable(): BackingService[] {
    return [...this.#down.keys()];
  }
}
