import { SsprProblem } from "@sspr/core";
import type { BackingService, ServiceHealth } from "./service-health.js";
import { isUnavailable } from "./unavailable-error.js";

/** What a client is told to wait before trying again while a backing service is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * An adapter whose every asynchronous method reports to `health`: a call that fails because
 * `service` is away (cut, stalled past its timeout, disk full) rejects with the `unavailable`
 * problem (503 with Retry-After) instead of a bare driver error (500), and any answer marks the
 * service up again.
 */
export function guarded<T extends object>(
  adapter: T,
  service: BackingService,
  health: ServiceHealth,
): T {
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (answer: unknown) => {
            health.up(service);
            return answer;
          },
          (error: unknown) => {
            if (!isUnavailable(error)) throw error;
            health.down(service, error);
            throw new SsprProblem("unavailable", { retryAfterSeconds: RETRY_AFTER_SECONDS });
          },
        );
      };
    },
  });
}
