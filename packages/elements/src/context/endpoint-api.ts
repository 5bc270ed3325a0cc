import { createHttpApi, type SsprApi } from "@sspr/core";

/**
 * One HTTP client per endpoint: the same object for as long as the endpoint stays, so an API
 * that differs from the last one means the page changed a setting (and a machine restarts).
 */
export class EndpointApi {
  #endpoint = "";
  #api: SsprApi | null = null;

  /** The client for `endpoint`; null for an empty one (no endpoint is no API). */
  for(endpoint: string): SsprApi | null {
    if (endpoint !== this.#endpoint) {
      this.#endpoint = endpoint;
      this.#api = endpoint ? createHttpApi({ endpoint }) : null;
    }
    return this.#api;
  }
}
