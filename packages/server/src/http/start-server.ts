import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import {
  createAltchaBotCheck,
  createBearerTokens,
  createHttpHandler,
  createSsprService,
  type SsprService,
} from "@sspr/engine";
import { createArgon2Hasher } from "@sspr/engine/argon2";
import { sql } from "kysely";
import type { Logger } from "pino";
import { loadOrCreateSecrets } from "../config/secrets-file.js";
import type { ServerConfig } from "../config/server-config.schema.js";
import { migrateToLatest } from "../db/migrations.js";
import { openDatabase } from "../db/open-database.js";
import { createOutboxFileDelivery } from "../delivery/outbox-file-delivery.js";
import { SqlDirectory } from "../directory/sql-directory.js";
import { SqlStore } from "../store/sql-store.js";
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

/** The database URL a configuration names: the SQLite file in the data folder by default. */
export const databaseUrlOf = (config: ServerConfig) =>
  config.database?.url ?? `sqlite:${join(config.dataDir, "sspr.db")}`;

/**
 * Starts `sspr serve`: migrates the database, builds the engine on the SQL store and directory,
 * listens, and drains the outbox. Fails (and closes what it opened) when the database cannot be
 * reached.
 */
export async function startServer(config: ServerConfig, log: Logger): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true });
  const databaseUrl = databaseUrlOf(config);
  const database = openDatabase(databaseUrl);
  try {
    await migrateToLatest(database.db, database.dialect);
  } catch (error) {
    await database.db.destroy();
    throw new Error(
      `The database ${redact(databaseUrl)} cannot be used: ${(error as Error).message}`,
    );
  }
  const secrets = config.secrets ?? (await loadOrCreateSecrets(config.dataDir));
  const hasher = createArgon2Hasher();
  const directory = new SqlDirectory(database, { hasher });
  const outboxFile = config.delivery.outboxFile ?? join(config.dataDir, "outbox.jsonl");
  const service = await createSsprService({
    store: new SqlStore(database),
    directory,
    delivery: createOutboxFileDelivery(outboxFile),
    hasher,
    // The first HMAC key also signs bot challenges, so every instance verifies every other's.
    botCheck: createAltchaBotCheck({ hmacKey: secrets.hmacKeys[0]?.key ?? "" }),
    secrets,
  });
  const tokens = createBearerTokens({ secret: secrets.tokenSecret });
  const app = createServerApp({
    api: createHttpHandler(service, {
      basePath: config.basePath,
      authenticate: tokens.authenticate,
    }),
    basePath: config.basePath,
    ready: async () => {
      await sql`select 1`.execute(database.db);
      return true;
    },
    trustProxy: config.trustProxy,
    ...(config.static ? { staticDir: config.static.dir } : {}),
  });
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
    { url, basePath: config.basePath, database: redact(databaseUrl), outboxFile },
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
      await database.db.destroy();
      log.info("sspr stopped");
    },
  };
}

/** A database URL without its password, for logs and errors. */
const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
