import type { SsprApi } from "@sspr/core";

/**
 * The API a controller works with, following what its host resolves: `changed()` tells when
 * the host now resolves another one (a page set `.api` late, a provider shared a new one), and
 * makes that the current one.
 */
export class ApiFollower {
  #api: SsprApi | null = null;

  constructor(private readonly resolve: () => SsprApi | null) {}

  /** The API resolved last; null while the host has none. */
  get current(): SsprApi | null {
    return this.#api;
  }

  /** The current API, for calls made once there is one. */
  get api(): SsprApi {
    if (!this.#api) throw new Error("The element has no API yet");
    return this.#api;
  }

  /** True when the host resolves another API than last time; it becomes the current one. */
  changed(): boolean {
    const api = this.resolve();
    if (api === this.#api) return false;
    this.#api = api;
    return true;
  }
}
