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
import { loadOrCreateSecrets } from "../config/secrets-file.js";
import type { ServerConfig } from "../config/server-config.schema.js";
import { RedisCounters } from "../counters/redis-counters.js";
import { migrateToLatest } from "../db/migrations.js";
import { type Database, openDatabase } from "../db/open-database.js";
import { deliveryFromConfig } from "../delivery/delivery-from-config.js";
import { SqlDirectory } from "../directory/sql-directory.js";
import { SqlStore } from "../store/sql-store.js";

/** The database URL a configuration names: the SQLite file in the data folder by default. */
export const databaseUrlOf = (config: ServerConfig) =>
  config.database?.url ?? `sqlite:${join(config.dataDir, "sspr.db")}`;

/** The engine's limits: the configured ones over the defaults. */
export const configuredLimits = (config: ServerConfig): Limits => ({
  ...defaultLimits,
  ...Object.fromEntries(Object.entries(config.limits).filter(([, value]) => value !== undefined)),
});

/** A database URL without its password, for logs and errors. */
export const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");

/**
 * The engine of a configuration, as `sspr serve` and the admin commands use it: the database
 * migrated, the SQL store and directory, Redis counters when configured, the configured
 * delivery, the secrets. Fails (closing what it opened) when the database or Redis cannot be used.
 */
export async function openEngine(
  config: ServerConfig,
  onOutboxRound?: OutboxWorkerOptions["onRound"],
) {
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
    limits: configuredLimits(config),
    ...(config.invitationUrl ? { invitationUrl: config.invitationUrl } : {}),
    ...(onOutboxRound ? { outbox: { onRound: onOutboxRound } } : {}),
  });
  return {
    database,
    databaseUrl,
    redis,
    secrets,
    directory,
    service,
    outboxFile,
    /** Closes the delivery, Redis and the database (stop the outbox worker first). */
    async close() {
      closeDelivery();
      redis?.disconnect();
      await database.db.destroy();
    },
  };
}

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
