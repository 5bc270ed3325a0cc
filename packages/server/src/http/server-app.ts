import type { HttpBindings } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import type { FetchHandler } from "@sspr/engine";
import { Hono } from "hono";

/** What the server's routes need. */
interface ServerAppOptions {
  /** The engine's fetch handler, mounted at `basePath`. */
  api: FetchHandler;
  basePath: string;
  /** True when the database answers: `/readyz`. */
  ready: () => Promise<boolean>;
  /** Take the client's address from X-Forwarded-For (behind a proxy that sets it). */
  trustProxy: boolean;
  /** A folder of static files served at `/`. */
  staticDir?: string;
  /** The demo portal's routes, mounted at `/demo`. */
  demo?: Hono;
}

/**
 * The server's routes: `/healthz` (the process runs), `/readyz` (the database answers, so a
 * load balancer sends traffic), the engine at `basePath`, and static files when configured.
 */
export function createServerApp(options: ServerAppOptions): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) =>
    (await options.ready().catch(() => false))
      ? c.json({ status: "ready" })
      : c.json({ status: "not ready" }, 503),
  );
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
