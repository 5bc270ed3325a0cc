import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";

/** The PostgreSQL on this machine (trust auth, database `test`); `SSPR_TEST_POSTGRES` overrides. */
export const postgresUrl =
  process.env.SSPR_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * True when PostgreSQL answers. Under `CI=true` a missing PostgreSQL is an error, not a reason
 * to skip: CI machines have it, so its absence means a broken set-up.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (process.env.CI === "true")
      throw new Error(`PostgreSQL is required under CI=true: ${error}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The Redis on this machine; `SSPR_TEST_REDIS` overrides. */
export const redisUrl = process.env.SSPR_TEST_REDIS ?? "redis://127.0.0.1:6379";

/** True when Redis answers; under `CI=true` a missing Redis is an error, not a reason to skip. */
export async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch (error) {
    if (process.env.CI === "true") throw new Error(`Redis is required under CI=true: ${error}`);
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A fresh, empty PostgreSQL schema for one store; `drop` removes it and everything in it. */
export async function freshSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `sspr_test_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema ${schema}`);
  return { schema, drop: () => run(`drop schema ${schema} cascade`) };
}

/** A new SQLite file in a temporary folder; `remove` deletes the folder. */
export async function sqliteFile(): Promise<{
  url: string;
  file: string;
  remove: () => Promise<void>;
}> {
  const folder = await mkdtemp(join(tmpdir(), "sspr-"));
  const file = join(folder, "sspr.db");
  return {
    url: `sqlite:${file}`,
    file,
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
