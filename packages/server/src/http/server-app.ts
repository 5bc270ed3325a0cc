import type { HttpBindings } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import type { FailedRequest, FetchHandler } from "@sspr/engine";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import proxyAddr from "proxy-addr";
import type { TrustProxy } from "../config/server-config.schema.js";

/** What the server's routes need. */
interface ServerAppOptions {
  /** The engine's fetch handler, mounted at `basePath`. */
  api: FetchHandler;
  basePath: string;
  /** True when the database answers: `/readyz`. */
  ready: () => Promise<boolean>;
  /** Which proxies in front of the server to believe about the client's address. */
  trustProxy: TrustProxy;
  /** A folder of static files served at `/`. */
  staticDir?: string;
  /** The demo portal's routes, mounted at `/demo`. */
  demo?: Hono;
  /** Told of an unexpected error outside the engine (which tells its own), before the 500. */
  onError: (error: unknown, request: FailedRequest) => void;
}

/**
 * The caller's address for per-address throttles. Behind proxies, the address the nearest
 * trusted proxy saw, counted from the right of `X-Forwarded-For`: the left-most entries are
 * whatever the client chose to send, so believing them lets one client rotate freely.
 */
function clientAddresses(
  trust: TrustProxy,
): (c: Context<{ Bindings: HttpBindings }>) => string | undefined {
  if (trust === false) return (c) => c.env.incoming.socket.remoteAddress;
  // With a count, the socket's address is hop 0: believe hops 0 to count - 1.
  const trusted =
    typeof trust === "number" ? (_: string, hop: number) => hop < trust : proxyAddr.compile(trust);
  return (c) => proxyAddr(c.env.incoming, trusted);
}

/**
 * The engine's headers for pages and answers outside it: the same frame, sniffing and referrer
 * protection, and a CSP a portal page (the demo) runs under: its own scripts and styles only,
 * the bot check's worker from a blob, the API on the same origin.
 */
const pageHeaders = secureHeaders({
  referrerPolicy: "no-referrer",
  crossOriginResourcePolicy: "same-origin",
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    workerSrc: ["'self'", "blob:"],
    // Lit falls back to <style> elements where constructable style sheets are missing.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/** Nothing dynamic is kept by a browser or a shared cache. */
const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set("cache-control", "no-store");
};

/**
 * The server's routes: `/healthz` (the process runs), `/readyz` (the database answers, so a
 * load balancer sends traffic), the engine at `basePath`, and static files when configured.
 * Everything outside the engine, 404s included, carries `pageHeaders`; the engine sets its own.
 */
export function createServerApp(options: ServerAppOptions): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  const engineRoutes = `${options.basePath}/`;
  const clientAddressOf = clientAddresses(options.trustProxy);
  app.use((c, next) => (c.req.path.startsWith(engineRoutes) ? next() : pageHeaders(c, next)));
  app.use("/healthz", noStore);
  app.use("/readyz", noStore);
  app.use("/demo/*", noStore);
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) =>
    (await options.ready().catch(() => false))
      ? c.json({ status: "ready" })
      : c.json({ status: "not ready" }, 503),
  );
  app.all(`${options.basePath}/*`, (c) => {
    const clientAddress = clientAddressOf(c);
    return options.api(c.req.raw, clientAddress ? { clientAddress } : {});
  });
  if (options.demo) app.route("/demo", options.demo);
  if (options.staticDir) app.use("/*", serveStatic({ root: options.staticDir }));
  app.notFound((c) => c.text("Not found", 404, { "cache-control": "no-store" }));
  app.onError((error, c) => {
    const requestId = crypto.randomUUID();
    options.onError(error, { requestId, method: c.req.method, path: c.req.path });
    return c.text("Something went wrong", 500, { "x-request-id": requestId });
  });
  return app;
}
