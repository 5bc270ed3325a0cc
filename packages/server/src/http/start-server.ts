import type { AddressInfo, Socket } from "node:net";
import { serve } from "@hono/node-server";
import { SsprProblem } from "@sspr/core";
import {
  createBearerTokens,
  createHttpHandler,
  type FailedRequest,
  passwordChangedAt,
  type SsprService,
} from "@sspr/engine";
import type { Logger } from "pino";
import type { ServerConfig } from "../config/server-config.schema.js";
import { createDemoApp } from "../demo/demo-app.js";
import { demoUsers, seedDemoUsers } from "../demo/demo-users.js";
import type { LdapDirectory } from "../directory/ldap/ldap-directory.js";
import { SqlDirectory } from "../directory/sql-directory.js";
import { openEngine, redact } from "../engine/open-engine.js";
import { loadElementBundles } from "./element-bundles.js";
import { createServerApp } from "./server-app.js";

/** A running server. */
export interface RunningServer {
  /** Where it listens, such as http://127.0.0.1:8080. */
  url: string;
  service: SsprService;
  directory: SqlDirectory | LdapDirectory;
  /**
   * Stops: `/readyz` answers 503 and every response closes its connection at once; once the
   * connections are gone (or after `shutdown.graceMs`, when the rest are cut) the outbox worker
   * stops and the database closes.
   */
  close(): Promise<void>;
}

/**
 * What the log keeps of an unexpected error: its kind, message, code and stack. Not the rest of
 * its properties: a driver's error can carry the query's parameters or a row's values.
 */
function errorFacts(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
    stack: error.stack,
  };
}

/**
 * Starts `sspr serve`: migrates the database, builds the engine on the SQL store and directory,
 * listens, and drains the outbox. Fails (and closes what it opened) when the database cannot be
 * reached in time.
 */
export async function startServer(config: ServerConfig, log: Logger): Promise<RunningServer> {
  const engine = await openEngine(config, {
    log,
    outbox: {
      onAttempt: ({ outcome, ...attempt }) => {
        if (outcome === "sent") log.info(attempt, "message sent");
        else if (outcome === "retried") log.warn(attempt, "message not sent; will retry");
        else if (outcome === "dead") log.error(attempt, "message not sent; gave up");
        else log.warn(attempt, "message's lease ran out before its send ended");
      },
      onError: (error) => {
        // A backing service that is away was logged once when it went, not at every look.
        if (!(error instanceof SsprProblem && error.code === "unavailable"))
          log.error({ err: errorFacts(error) }, "outbox failed");
      },
    },
  });
  const { secrets, directory, service, outboxFile } = engine;
  // A token from before the user's last password change (reset, administrator's reset) is refused.
  const tokens = createBearerTokens({
    secret: secrets.tokenSecret,
    validAfter: passwordChangedAt(directory),
  });
  let stopping = false;
  const elements = await loadElementBundles();
  if (!elements) log.warn("the elements' bundle is not built (npm run build): not serving it");
  const onError = (error: unknown, request: FailedRequest) =>
    log.error({ err: errorFacts(error), ...request }, "request failed");
  const app = createServerApp({
    api: createHttpHandler(service, {
      basePath: config.basePath,
      authenticate: tokens.authenticate,
      corsOrigins: config.cors.origins,
      onError,
    }),
    onError,
    basePath: config.basePath,
    async readiness() {
      if (stopping) return { status: "stopping" };
      const unavailable = await engine.unavailable();
      return unavailable.length > 0
        ? { status: "not ready", unavailable }
        : { status: "ready", outbox: await engine.outboxBacklog() };
    },
    stopping: () => stopping,
    trustProxy: config.trustProxy,
    ...(elements ? { elements } : {}),
    ...(config.static ? { staticDir: config.static.dir } : {}),
    ...(config.demo ? { demo: createDemoApp({ directory, tokens, outboxFile }) } : {}),
  });
  if (config.demo) {
    log.warn(
      "demo mode: /demo hands out sign-in tokens and shows every code sent; never in production",
    );
    // The demo seeds its people into sspr's own table; an LDAP directory brings its own.
    if (directory instanceof SqlDirectory && (await seedDemoUsers(directory)))
      log.info({ users: demoUsers.map((u) => u.identifiers[0]) }, "demo users added");
  }
  const server = serve({
    fetch: app.fetch,
    port: config.listen.port,
    hostname: config.listen.host,
  });
  const connections = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.listen.host}:${port}`;
  service.outbox.start();
  log.info(
    { url, basePath: config.basePath, database: redact(engine.databaseUrl), outboxFile },
    "sspr is serving",
  );
  return {
    url,
    service,
    directory,
    async close() {
      stopping = true;
      await drained(connections, config.shutdown.graceMs);
      if (connections.size > 0)
        log.warn({ connections: connections.size }, "grace period over: cutting connections");
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await service.outbox.stop();
      await engine.close();
      log.info("sspr stopped");
    },
  };
}

/**
 * Resolves once every connection has closed, or after `graceMs`. Connections close themselves:
 * each answer while stopping says `Connection: close`, and an idle one ends at its keep-alive
 * timeout; new ones are still taken meanwhile, so a load balancer that has not yet seen `/readyz`
 * turn red gets answers rather than refusals.
 */
function drained(connections: Set<Socket>, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(finish, graceMs);
    const poll = setInterval(() => {
      if (connections.size === 0) finish();
    }, 50);
    function finish() {
      clearTimeout(deadline);
      clearInterval(poll);
      resolve();
    }
    poll.unref();
  });
}
