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
import { Redis } from "ioredis";
import { sql } from "kysely";
import type { Logger } from "pino";
import { loadOrCreateSecrets } from "../config/secrets-file.js";
import type { ServerConfig } from "../config/server-config.schema.js";
import { RedisCounters } from "../counters/redis-counters.js";
import { migrateToLatest } from "../db/migrations.js";
import { type Database, openDatabase } from "../db/open-database.js";
import { deliveryFromConfig } from "../delivery/delivery-from-config.js";
import { createDemoApp } from "../demo/demo-app.js";
import { demoUsers, seedDemoUsers } from "../demo/demo-users.js";
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
  const redis = config.redis ? await connectRedis(config.redis.url, database) : null;
  const secrets = config.secrets ?? (await loadOrCreateSecrets(config.dataDir));
  const hasher = createArgon2Hasher();
  const directory = new SqlDirectory(database, { hasher });
  const { delivery, outboxFile, close: closeDelivery } = deliveryFromConfig(config);
  const service = await createSsprService({
    store: new SqlStore(database),
    ...(redis
      ? { counters: new RedisCounters(redis, { prefix: `${config.redis?.keyPrefix}counter:` }) }
      : {}),
    directory,
    delivery,
    hasher,
    // The first HMAC key also signs bot challenges, so every instance verifies every other's.
    botCheck: createAltchaBotCheck({ hmacKey: secrets.hmacKeys[0]?.key ?? "" }),
    secrets,
    ...(config.invitationUrl ? { invitationUrl: config.invitationUrl } : {}),
    outbox: {
      onRound: (round) =>
        "error" in round
          ? log.error({ err: round.error }, "outbox round failed")
          : log[round.retried + round.dead > 0 ? "warn" : "info"](round, "outbox round"),
    },
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
      closeDelivery();
      redis?.disconnect();
      await database.db.destroy();
      log.info("sspr stopped");
    },
  };
}

/** Redis, connected, or an error naming it (and the database closed) when it cannot be reached. */
async function connectRedis(url: string, database: Database): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    await database.db.destroy();
    throw new Error(`Redis at ${redact(url)} cannot be reached: ${(error as Error).message}`);
  }
}

/** A database URL without its password, for logs and errors. */
const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
