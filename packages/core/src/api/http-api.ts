import { isProblemCode, type Problem, SsprProblem } from "../problems/problem.js";
import { type Route, routes } from "./routes.js";
import type { SsprApi } from "./sspr-api.js";

/**
 * A problem document with a known code. The engine is the authority and the one that wrote it,
 * so the client checks no more than it switches on; that keeps the schemas (and zod) out of
 * browser bundles.
 */
const isProblem = (payload: unknown): payload is Problem =>
  typeof payload === "object" &&
  payload !== null &&
  "code" in payload &&
  isProblemCode(payload.code);

/** How the HTTP client reaches the engine. */
export interface HttpApiOptions {
  /** The API's base URL, e.g. `https://portal.example/sspr` (no trailing slash needed). */
  endpoint: string;
  /** The fetch to use; the global one by default (pass one for tests or other runtimes). */
  fetch?: typeof fetch;
  /** Extra headers for every call, e.g. `{ authorization: "Bearer …" }` for signed-in routes. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Send cookies (`include`) when the portal authenticates with them. */
  credentials?: RequestCredentials;
}

/**
 * `SsprApi` over HTTP: each operation is one call to its route. A problem response rejects with
 * the same `SsprProblem` the engine threw; a failed connection rejects with the fetch error.
 *
 * @example
 * const api = createHttpApi({ endpoint: "/sspr" });
 * const flow = await api.startReset({ identifier, botProof });
 */
export function createHttpApi(options: HttpApiOptions): SsprApi {
  const base = options.endpoint.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function send(route: Route, body: unknown): Promise<Response> {
    const extra = (await options.headers?.()) ?? {};
    const init: RequestInit = {
      method: route.method,
      headers: {
        accept: route.stream ? "application/x-ndjson" : "application/json",
        ...(route.method === "GET" ? {} : { "content-type": "application/json" }),
        ...extra,
      },
      ...(route.method === "GET" ? {} : { body: JSON.stringify(body ?? {}) }),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    };
    const response = await doFetch(`${base}${route.path}`, init);
    if (response.ok) return response;
    const payload: unknown = await response.json().catch(() => null);
    throw isProblem(payload)
      ? SsprProblem.fromProblem(payload)
      : new SsprProblem("internal", { detail: `HTTP ${response.status}` });
  }

  /** A streamed answer, one JSON value per line, yielded as each line arrives. */
  async function* lines(route: Route, body: unknown): AsyncGenerator<unknown> {
    const reader = (await send(route, body)).body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) throw new SsprProblem("internal", { detail: "No response body" });
    let pending = "";
    for (;;) {
      const { done, value } = await reader.read();
      const parts = (pending + (value ?? "")).split("\n");
      pending = done ? "" : (parts.pop() ?? "");
      for (const line of parts) if (line.trim()) yield JSON.parse(line);
      if (done) return;
    }
  }

  const api: Record<string, (body?: unknown) => unknown> = {};
  for (const [operation, route] of Object.entries(routes) as [string, Route][]) {
    api[operation] = route.stream
      ? (body?: unknown) => lines(route, body)
      : async (body?: unknown) => (await send(route, body)).json();
  }
  // Every operation of SsprApi has a route (routes satisfies Record<keyof SsprApi, Route>).
  return api as unknown as SsprApi;
}
