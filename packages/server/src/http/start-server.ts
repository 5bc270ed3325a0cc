import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  createBearerTokens,
  createHttpHandler,
  type FailedRequest,
  passwordChangedAt,
  type SsprService,
} from "@sspr/engine";
import { sql } from "kysely";
import type { Logger } from "pino";
import type { ServerConfig } from "../config/server-config.schema.js";
import { createDemoApp } from "../demo/demo-app.js";
import { demoUsers, seedDemoUsers } from "../demo/demo-users.js";
import type { SqlDirectory } from "../directory/sql-directory.js";
import { openEngine, redact } from "../engine/open-engine.js";
import { createServerApp } from "./server-app.js";

/** A running server. */
export interface RunningServer {
  /** Where it listens, such as http://127.0.0.1:8080. */
  url: string;
  service: SsprService;
  directory: SqlDirectory;
  /** Stops accepting, finishes the requests in flight, stops the outbox worker, closes the database. */
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
 * reached.
 */
export async function startServer(config: ServerConfig, log: Logger): Promise<RunningServer> {
  const engine = await openEngine(config, (round) =>
    "error" in round
      ? log.error({ err: round.error }, "outbox round failed")
      : log[round.retried + round.dead > 0 ? "warn" : "info"](round, "outbox round"),
  );
  const { database, redis, secrets, directory, service, outboxFile } = engine;
  // A token from before the user's last password change (reset, administrator's reset) is refused.
  const tokens = createBearerTokens({
    secret: secrets.tokenSecret,
    validAfter: passwordChangedAt(directory),
  });
  const onError = (error: unknown, request: FailedRequest) =>
    log.error({ err: errorFacts(error), ...request }, "request failed");
  const app = createServerApp({
    api: createHttpHandler(service, {
      basePath: config.basePath,
      authenticate: tokens.authenticate,
      onError,
    }),
    onError,
    basePath: config.basePath,
    ready: async () => {
      await sql`select 1`.execute(database.db);
      if (redis) await redis.ping();
      return true;
    },
    trustProxy: config.trustProxy,
    ...(config.static ? { staticDir: config.static.dir } : {}),
    ...(config.demo ? { demo: createDemoApp({ directory, tokens, outboxFile }) } : {}),
  });
  if (config.demo) {
    log.warn(
      "demo mode: /demo hands out sign-in tokens and shows every code sent; never in production",
    );
    if (await seedDemoUsers(directory))
      log.info({ users: demoUsers.map((u) => u.identifiers[0]) }, "demo users added");
  }
  const server = serve({
    fetch: app.fetch,
    port: config.listen.port,
    hostname: config.listen.host,
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
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections with no request in flight would hold close() open.
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      });
      await service.outbox.stop();
      await engine.close();
      log.info("sspr stopped");
    },
  };
}

/** Redis, connected, or an error naming it (and the database closed) when it cannot be reached. */
