import { type Locale, type Operation, type Route, routes, SsprProblem } from "@sspr/core";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { createLocalApi } from "../local-api.js";
import type { RequestContext } from "../service/context.js";
import type { SsprService } from "../service/create-service.js";
import type { Authenticate } from "./bearer-tokens.js";
import { limitBody } from "./body-limit.js";
import { openApiDocument } from "./openapi.js";
import { problemFor, problemResponse } from "./problem-response.js";

/** How the HTTP API is served. */
export interface HttpHandlerOptions {
  /** Where the API is mounted, e.g. `/sspr` (default: the root). */
  basePath?: string;
  /** Finds the signed-in user of a request; without it signed-in routes answer 401. */
  authenticate?: Authenticate;
  /**
   * Origins allowed to call signed-in routes. Set it when cookies authenticate: a state-changing
   * request from any other origin (or with no Origin header) is refused, against CSRF.
   */
  trustedOrigins?: string[];
  /** Origins that may call the API from a browser (CORS); none by default. */
  corsOrigins?: string[];
  /** Largest request body accepted, in bytes (default 16 KiB). */
  maxBodyBytes?: number;
  /**
   * Largest body of a bulk operation (default 2 MiB): its list of user ids is the only body
   * that grows with the organisation, and bulk work has no cap on how many users.
   */
  maxBulkBodyBytes?: number;
  /**
   * Told of every unexpected error (anything but an `SsprProblem`) before it is answered as a
   * 500 `internal` problem: log it there. `request` names the request, never its body.
   */
  onError?: (error: unknown, request: FailedRequest) => void;
}

/** The request an unexpected error happened in, for the log line. */
export interface FailedRequest {
  /** The `X-Request-Id` the response carries (and the 500 problem's `requestId`). */
  requestId: string;
  method: string;
  /** The path without the query string. */
  path: string;
}

/** Per-request facts the host knows and a fetch `Request` does not carry. */
export interface RequestInfo {
  /** The caller's address, for per-address throttles. */
  clientAddress?: string;
  /** The host's id for this request, so its log lines and the engine's agree; default: a new UUID. */
  requestId?: string;
}

/** A standard fetch handler: mount it in Node, Workers, Deno or Bun. */
export type FetchHandler = (request: Request, info?: RequestInfo) => Promise<Response>;

const localeOf = (request: Request): Locale | undefined =>
  /^\s*nl\b/i.test(request.headers.get("accept-language") ?? "") ? "nl" : undefined;

/**
 * A streamed answer, one JSON line per item as it comes. The first item is awaited before the
 * response starts, so a refusal (signed out, invalid body) is still an ordinary problem response.
 */
async function streamLines(
  items: AsyncIterator<unknown>,
  onFailure: (error: unknown) => void,
): Promise<Response> {
  const first = await items.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify(first.value)}\n`));
    },
    async pull(controller) {
      // Past the first line the status is sent: a failure can only cut the stream short.
      const next = await items.next().catch((error: unknown) => {
        onFailure(error);
        throw error;
      });
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
    },
    async cancel() {
      await items.return?.();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson" } });
}

/**
 * The engine's HTTP API as a fetch handler: one route per `SsprApi` operation, JSON only,
 * bodies size-limited and validated by the core schemas, errors as RFC 9457 problem+json,
 * `Cache-Control: no-store`, `Referrer-Policy: no-referrer` and an `X-Request-Id` on every
 * response, every unexpected error told to `onError` with that id, and the OpenAPI document at
 * `/openapi.json`.
 *
 * @example
 * const handler = createHttpHandler(service, { basePath: "/sspr", authenticate });
 * Bun.serve({ fetch: (request, server) => handler(request, { clientAddress: server.requestIP(request)?.address }) });
 */
export function createHttpHandler(
  service: SsprService,
  options: HttpHandlerOptions = {},
): FetchHandler {
  const app = new Hono<{ Bindings: RequestInfo; Variables: { requestId: string } }>().basePath(
    options.basePath ?? "/",
  );
  const maxSize = options.maxBodyBytes ?? 16 * 1024;

  app.use(async (c, next) => {
    const requestId = c.env?.requestId ?? crypto.randomUUID();
    c.set("requestId", requestId);
    await next();
    c.res.headers.set("x-request-id", requestId);
  });

  app.use(
    secureHeaders({
      referrerPolicy: "no-referrer",
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: "same-site",
    }),
  );
  app.use(async (c, next) => {
    await next();
    c.res.headers.set("cache-control", "no-store");
  });
  if (options.corsOrigins?.length) {
    app.use(
      cors({
        origin: options.corsOrigins,
        allowMethods: ["GET", "POST", "PUT"],
        allowHeaders: ["content-type", "authorization"],
        credentials: true,
        maxAge: 600,
      }),
    );
  }

  async function contextFor(
    request: Request,
    route: Route,
    info: RequestInfo,
  ): Promise<RequestContext> {
    const locale = localeOf(request);
    const context: RequestContext = {
      ...(info.clientAddress ? { clientAddress: info.clientAddress } : {}),
      ...(locale ? { locale } : {}),
    };
    if (route.access === "anonymous") return context;
    const principal = (await options.authenticate?.(request)) ?? null;
    if (!principal) throw new SsprProblem("unauthenticated");
    const origin = request.headers.get("origin");
    if (
      options.trustedOrigins &&
      route.method !== "GET" &&
      (!origin || !options.trustedOrigins.includes(origin))
    ) {
      throw new SsprProblem("forbidden", { detail: "Request from an untrusted origin" });
    }
    return { ...context, userId: principal.userId };
  }

  async function bodyOf(request: Request, route: Route): Promise<unknown> {
    if (!route.body) return undefined;
    const type = request.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new SsprProblem("unsupported-media-type");
    try {
      return JSON.parse(await request.text());
    } catch {
      throw new SsprProblem("malformed-json");
    }
  }

  const limit = limitBody(maxSize);
  const bulkLimit = limitBody(options.maxBulkBodyBytes ?? 2 * 1024 * 1024);
  const failedRequest = (c: {
    req: { method: string; path: string };
    get(key: "requestId"): string;
  }) => ({
    requestId: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
  });
  for (const [operation, route] of Object.entries(routes) as [Operation, Route][]) {
    // The streamed operations are the bulk ones.
    app.on(route.method, route.path, route.stream ? bulkLimit : limit, async (c) => {
      const context = await contextFor(c.req.raw, route, c.env ?? {});
      const body = await bodyOf(c.req.raw, route);
      const api = createLocalApi(service, context);
      if (route.stream) {
        const call = api[operation] as (request?: unknown) => AsyncIterable<unknown>;
        return streamLines(call(body)[Symbol.asyncIterator](), (error) =>
          options.onError?.(error, failedRequest(c)),
        );
      }
      const call = api[operation] as (request?: unknown) => Promise<unknown>;
      return c.json(await call(body));
    });
  }
  app.get("/openapi.json", (c) => c.json(openApiDocument(options.basePath ?? "/")));

  app.notFound(() => problemFor("not-found"));
  app.onError((error, c) => {
    if (error instanceof SsprProblem) return problemResponse(error);
    const request = failedRequest(c);
    options.onError?.(error, request);
    return problemFor("internal", { requestId: request.requestId });
  });

  return (request, info = {}) => Promise.resolve(app.fetch(request, info));
}
