import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { SsprProblem } from "@sspr/core";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { startReset, startServerProcess } from "./server-process.js";
import {
  freshSchema,
  postgresAvailable,
  postgresUrl,
  redisAvailable,
  redisUrl,
  sqliteFile,
} from "./services.js";
import { tcpProxy } from "./tcp-proxy.js";

const ready = (await postgresAvailable()) && (await redisAvailable());

/** `url`, with its port replaced by a proxy's. */
const through = (url: string, port: number) => {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
};

/** What a request that needs the database answers: status, Retry-After, problem code. */
async function resetConfig(url: string) {
  const response = await fetch(`${url}/sspr/reset/config`);
  const body = (await response.json()) as { code?: string };
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    code: body.code,
  };
}

/** What `/readyz` answers, without the outbox's numbers. */
const readiness = async (url: string) => {
  const response = await fetch(`${url}/readyz`);
  const { outbox: _outbox, ...body } = (await response.json()) as { outbox?: unknown };
  return { status: response.status, body };
};

/** Asks until `probe` gives `expected` (a fault or a recovery is noticed on the next call). */
async function until<T>(probe: () => Promise<T>, expected: T): Promise<T> {
  let last = await probe();
  for (let i = 0; i < 100 && JSON.stringify(last) !== JSON.stringify(expected); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return last;
}

/** `/readyz` once every backing service answers. */
const ready200 = { status: 200, body: { status: "ready" } };
/** A request that needs the database, while it is away. */
const unavailable503 = { status: 503, retryAfter: "5", code: "unavailable" };

const problemOf = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error) => (error instanceof SsprProblem ? error.problem : String(error)),
  );

describe.runIf(ready)("sspr serve when PostgreSQL or Redis goes away", () => {
  it("stays up while PostgreSQL is cut, answers 503 with Retry-After and a red /readyz, logs the fault and the recovery", async () => {
    const { schema, drop } = await freshSchema();
    const { file, remove } = await sqliteFile();
    const proxy = await tcpProxy(Number(new URL(postgresUrl).port || 5432));
    try {
      const server = await startServerProcess({
        SSPR_DATA_DIR: join(file, ".."),
        SSPR_DATABASE_URL: through(postgresUrl, proxy.port),
        SSPR_DATABASE_SCHEMA: schema,
        SSPR_DATABASE_TIMEOUT_MS: "1000",
      });
      expect((await resetConfig(server.url)).status).toBe(200);

      // A failover: every connection cut (the idle ones too), and the database away for a while.
      proxy.down();
      expect(await until(() => resetConfig(server.url), unavailable503)).toEqual(unavailable503);
      expect(await readiness(server.url)).toEqual({
        status: 503,
        body: { status: "not ready", unavailable: ["database"] },
      });
      expect(await server.logged(/^database unavailable$/)).toMatchObject({
        level: 50,
        service: "database",
      });

      proxy.up();
      expect(await until(() => readiness(server.url), ready200)).toEqual(ready200);
      expect((await resetConfig(server.url)).status).toBe(200);
      expect(await server.logged(/^database available again$/)).toMatchObject({
        service: "database",
      });

      // A stalled database (connections accepted, nothing said): 503 once the query timeout is up.
      proxy.stall();
      expect(await until(() => resetConfig(server.url), unavailable503)).toEqual(unavailable503);
      proxy.up();
      expect(
        (
          await until(() => resetConfig(server.url), {
            status: 200,
            retryAfter: null,
            code: undefined,
          })
        ).status,
      ).toBe(200);

      expect(await server.stop()).toBe(0);
    } finally {
      await proxy.close();
      await drop();
      await remove();
    }
  }, 60_000);

  it("answers a prompt 503 while Redis is cut or stalled, logs the fault and the recovery", async () => {
    const { file, remove } = await sqliteFile();
    const proxy = await tcpProxy(Number(new URL(redisUrl).port || 6379));
    const keyPrefix = `sspr-test:${randomBytes(6).toString("hex")}:`;
    try {
      const server = await startServerProcess({
        SSPR_DATA_DIR: join(file, ".."),
        SSPR_REDIS_URL: through(redisUrl, proxy.port),
        SSPR_REDIS_KEY_PREFIX: keyPrefix,
        SSPR_REDIS_TIMEOUT_MS: "500",
      });
      // A reset's start counts the caller's address in Redis.
      expect(await problemOf(startReset(server.api, "nobody@contoso.com"))).toBeNull();

      proxy.down();
      expect(await problemOf(startReset(server.api, "nobody@contoso.com"))).toMatchObject({
        status: 503,
        code: "unavailable",
        retryAfterSeconds: 5,
      });
      expect(await readiness(server.url)).toEqual({
        status: 503,
        body: { status: "not ready", unavailable: ["redis"] },
      });
      expect(await server.logged(/^redis unavailable$/)).toMatchObject({ service: "redis" });

      proxy.up();
      expect(await until(() => readiness(server.url), ready200)).toEqual(ready200);
      expect(await problemOf(startReset(server.api, "nobody@contoso.com"))).toBeNull();

      proxy.stall();
      expect(await problemOf(startReset(server.api, "nobody@contoso.com"))).toMatchObject({
        status: 503,
        code: "unavailable",
      });
      proxy.up();
      expect(await until(() => readiness(server.url), ready200)).toEqual(ready200);

      expect(server.child.exitCode).toBeNull();
      expect(await server.stop()).toBe(0);
    } finally {
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await proxy.close();
      await remove();
    }
  }, 60_000);
});

describe.runIf(ready)(
  "sspr serve starting against a PostgreSQL or Redis that never answers",
  () => {
    it("says what it waits for, and exits 1 naming it once the timeout is up", async () => {
      const { file, remove } = await sqliteFile();
      const proxy = await tcpProxy(Number(new URL(postgresUrl).port || 5432));
      proxy.stall();
      try {
        const serve = (env: Record<string, string>) =>
          runCli(["serve"], { SSPR_DATA_DIR: join(file, ".."), SSPR_LISTEN_PORT: "0", ...env });
        const database = through(postgresUrl, proxy.port);
        const onDatabase = await serve({
          SSPR_DATABASE_URL: database,
          SSPR_DATABASE_TIMEOUT_MS: "1000",
        });
        expect(onDatabase.code).toBe(1);
        expect(JSON.parse(onDatabase.stdout.split("\n")[0] ?? "")).toMatchObject({
          msg: "opening the database",
          database,
          timeoutMs: 1000,
        });
        expect(onDatabase.stderr).toMatch(`sspr: The database ${database} cannot be used:`);

        const redis = through(redisUrl, proxy.port);
        const onRedis = await serve({ SSPR_REDIS_URL: redis, SSPR_REDIS_TIMEOUT_MS: "1000" });
        expect(onRedis.code).toBe(1);
        expect(onRedis.stdout).toContain('"msg":"connecting to Redis"');
        expect(onRedis.stderr).toMatch(`sspr: Redis at ${redis} cannot be reached:`);
      } finally {
        await proxy.close();
        await remove();
      }
    }, 60_000);
  },
);
