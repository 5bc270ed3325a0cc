import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  createAltchaBotCheck,
  createSsprService,
  defaultLimits,
  type Limits,
  type OutboxWorkerOptions,
} from "@sspr/engine";
import { createArgon2Hasher } from "@sspr/engine/argon2";
import { Redis } from "ioredis";
import { sql } from "kysely";
import { type Logger, pino } from "pino";
import { loadOrCreateSecrets } from "../config/secrets-file.js";
import type { ServerConfig } from "../config/server-config.schema.js";
import { RedisCounters } from "../counters/redis-counters.js";
import { migrateToLatest } from "../db/migrations.js";
import { type Database, type DatabaseOptions, openDatabase } from "../db/open-database.js";
import { deliveryFromConfig } from "../delivery/delivery-from-config.js";
import { LdapDirectory } from "../directory/ldap/ldap-directory.js";
import { SqlDirectory } from "../directory/sql-directory.js";
import { guarded } from "../faults/guarded.js";
import { ServiceHealth } from "../faults/service-health.js";
import { withDeadline } from "../faults/with-deadline.js";
import { SqlStore } from "../store/sql-store.js";

/** The database URL a configuration names: the SQLite file in the data folder by default. */
const databaseUrlOf = (config: ServerConfig) =>
  config.database?.url ?? `sqlite:${join(config.dataDir, "sspr.db")}`;

/** The engine's limits: the configured ones over the defaults. */
export const configuredLimits = (config: ServerConfig): Limits => ({
  ...defaultLimits,
  ...Object.fromEntries(Object.entries(config.limits).filter(([, value]) => value !== undefined)),
});

/** A database URL without its password, for logs and errors. */
export const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");

/** How long opening and migrating may take at start before sspr gives up. */
const startTimeoutMs = (config: ServerConfig) => config.database?.timeoutMs ?? 10_000;

/**
 * The configuration's database, opened and migrated to the newest schema, or an error naming it
 * (and the URL without its password) when it cannot be reached or answers too slowly.
 */
export async function openMigratedDatabase(
  config: ServerConfig,
  options: Pick<DatabaseOptions, "onConnectionError"> = {},
): Promise<{ database: Database; applied: string[] }> {
  const url = databaseUrlOf(config);
  const database = openDatabase(url, {
    ...(config.database?.schema ? { schema: config.database.schema } : {}),
    ...(config.database ? { timeoutMs: config.database.timeoutMs } : {}),
    ...options,
  });
  try {
    const applied = await withDeadline(
      migrateToLatest(database.db, database.dialect, config.database?.schema),
      startTimeoutMs(config),
    );
    return { database, applied };
  } catch (error) {
    // Not awaited: a pool stuck on a stalled connection would hold the exit back.
    database.db.destroy().catch(() => undefined);
    throw new Error(`The database ${redact(url)} cannot be used: ${(error as Error).message}`);
  }
}

/** What `openEngine` is told about. */
interface EngineOptions {
  /** Start-up steps and the backing services' faults; silent by default. */
  log?: Logger;
  /** Told how each send ended, and when the worker could not take messages. */
  outbox?: Pick<OutboxWorkerOptions, "onAttempt" | "onError">;
}

/**
 * The engine of a configuration, as `sspr serve` and the admin commands use it: the database
 * migrated, the SQL store and directory, Redis counters when configured, the configured
 * delivery, the secrets. Every call to the database or Redis reports to `health`, and one that
 * fails because the service is away answers the `unavailable` problem. Fails (closing what it
 * opened) when the database or Redis cannot be used at start.
 */
export async function openEngine(config: ServerConfig, options: EngineOptions = {}) {
  const log = options.log ?? pino({ level: "silent" });
  const health = new ServiceHealth(log);
  await mkdir(config.dataDir, { recursive: true });
  const databaseUrl = databaseUrlOf(config);
  log.info(
    {
      database: redact(databaseUrl),
      ...(config.database ? { timeoutMs: config.database.timeoutMs } : {}),
    },
    "opening the database",
  );
  const { database } = await openMigratedDatabase(config, {
    onConnectionError: (error) => health.down("database", error),
  });
  const redis = config.redis ? await connectRedis(config.redis, log, health, database) : null;
  const secrets = config.secrets ?? (await loadOrCreateSecrets(config.dataDir));
  const hasher = createArgon2Hasher();
  // `directory.ldap` keeps users and passwords in the organisation's LDAP or Active Directory,
  // which answers its own `directory-unavailable`; sspr's own table is the database's.
  const directory = config.directory?.ldap
    ? new LdapDirectory(config.directory.ldap)
    : guarded(new SqlDirectory(database, { hasher }), "database", health);
  const { delivery, outboxFile, close: closeDelivery } = deliveryFromConfig(config);
  const store = guarded(new SqlStore(database), "database", health);
  const service = await createSsprService({
    store,
    ...(redis
      ? {
          counters: guarded(
            new RedisCounters(redis, { prefix: `${config.redis?.keyPrefix}counter:` }),
            "redis",
            health,
          ),
        }
      : {}),
    directory,
    delivery,
    hasher,
    // The first HMAC key also signs bot challenges, so every instance verifies every other's.
    botCheck: createAltchaBotCheck({ hmacKey: secrets.hmacKeys[0]?.key ?? "" }),
    secrets,
    limits: configuredLimits(config),
    ...(config.invitationUrl ? { invitationUrl: config.invitationUrl } : {}),
    ...(options.outbox ? { outbox: options.outbox } : {}),
  });
  return {
    database,
    databaseUrl,
    /** How many messages wait to be sent, and for how long the oldest has waited. */
    async outboxBacklog() {
      const { pending, oldestCreatedAt } = await store.outboxBacklog();
      return {
        pending,
        oldestPendingAgeMs: oldestCreatedAt === null ? null : Date.now() - oldestCreatedAt,
      };
    },
    /** Asks the database and Redis now; the services that did not answer. */
    async unavailable() {
      await Promise.all([
        health.probe("database", () => sql`select 1`.execute(database.db)),
        redis ? health.probe("redis", () => redis.ping()) : undefined,
      ]);
      return health.unavailable;
    },
    secrets,
    directory,
    service,
    outboxFile,
    /** Closes the delivery, Redis and the database (stop the outbox worker first). */
    async close() {
      closeDelivery();
      redis?.disconnect();
      if (directory instanceof LdapDirectory) await directory.close();
      await database.db.destroy();
    },
  };
}

/**
 * Redis, connected, or an error naming it (and the database closed) when it cannot be reached
 * in time. While Redis is away later, commands fail at once (no offline queue) or after the
 * timeout, and the client reconnects by itself.
 */
async function connectRedis(
  { url, timeoutMs }: NonNullable<ServerConfig["redis"]>,
  log: Logger,
  health: ServiceHealth,
  database: Database,
): Promise<Redis> {
  log.info({ redis: redact(url), timeoutMs }, "connecting to Redis");
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Without a listener ioredis prints every connection error with a stack.
  redis.on("error", (error) => health.down("redis", error));
  redis.on("ready", () => health.up("redis"));
  try {
    await withDeadline(
      redis.connect().then(() => redis.ping()),
      timeoutMs,
    );
    return redis;
  } catch (error) {
    redis.disconnect();
    database.db.destroy().catch(() => undefined);
    throw new Error(`Redis at ${redact(url)} cannot be reached: ${(error as Error).message}`);
  }
}
