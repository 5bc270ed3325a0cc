import type { HttpBindings } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import type { FetchHandler } from "@sspr/engine";
import { Hono } from "hono";

/** What the server's routes need. */
interface ServerAppOptions {
  /** The engine's fetch handler, mounted at `basePath`. */
  api: FetchHandler;
  basePath: string;
  /** Whether to send traffic here (`/readyz`): "ready", or why not. */
  readiness: () => Promise<Readiness>;
  /** True once the server is stopping: every response then closes its connection. */
  stopping: () => boolean;
  /** Take the client's address from X-Forwarded-For (behind a proxy that sets it). */
  trustProxy: boolean;
  /** A folder of static files served at `/`. */
  staticDir?: string;
  /** The demo portal's routes, mounted at `/demo`. */
  demo?: Hono;
}

/** What `/readyz` answers: 200 when ready, else 503 with the reason. */
type Readiness =
  | {
      status: "ready";
      /** Messages waiting to be sent: a growing age means delivery is stuck. */
      outbox: { pending: number; oldestPendingAgeMs: number | null };
    }
  | { status: "stopping" }
  | { status: "not ready"; unavailable: string[] };

/**
 * The server's routes: `/healthz` (the process runs), `/readyz` (the database and Redis answer
 * and the server is not stopping, so a load balancer sends traffic), the engine at `basePath`, and static files when configured.
 */
export function createServerApp(options: ServerAppOptions): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.use(async (c, next) => {
    await next();
    // A load balancer's kept-alive connection moves to another instance after this answer.
    if (options.stopping()) c.res.headers.set("connection", "close");
  });
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const readiness = await options.readiness();
    return c.json(readiness, readiness.status === "ready" ? 200 : 503);
  });
  app.all(`${options.basePath}/*`, (c) => {
    const forwarded = options.trustProxy
      ? c.req.header("x-forwarded-for")?.split(",")[0]?.trim()
      : undefined;
    const clientAddress = forwarded || c.env.incoming.socket.remoteAddress;
    return options.api(c.req.raw, clientAddress ? { clientAddress } : {});
  });
  if (options.demo) app.route("/demo", options.demo);
  if (options.staticDir) app.use("/*", serveStatic({ root: options.staticDir }));
  return app;
}
