import Sqlite from "better-sqlite3";
import {
  Kysely,
  PostgresDialect,
  type PostgresPoolClient,
  type PostgresQueryResult,
  SqliteDialect,
} from "kysely";
import pg from "pg";
import { isUnavailable } from "../faults/unavailable-error.js";
import type { Tables } from "./tables.js";

/** Which SQL database a store runs on. */
export type Dialect = "sqlite" | "postgres";

/** An open database: Kysely over it, and which kind it is. */
export interface Database {
  db: Kysely<Tables>;
  dialect: Dialect;
}

/** How a database is opened. */
export interface DatabaseOptions {
  /** PostgreSQL: the schema to work in (its `search_path`). */
  schema?: string;
  /** PostgreSQL: how long connecting, and each query, may take before it fails (default 10 s). */
  timeoutMs?: number;
  /** Told when a connection breaks outside any query (a restart, a failover, a cut). */
  onConnectionError?: (error: Error) => void;
}

/** PostgreSQL's int8: epoch milliseconds fit a JavaScript number, so read them as one. */
const INT8 = 20;

/**
 * Opens the database a URL names: `sqlite:<file>` (created when missing, in WAL mode, so
 * readers never wait for the writer) or `postgres://…` / `postgresql://…` (a pool whose
 * connections time out, and whose broken connections are dropped, never fatal).
 */
export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    if (!file) throw new Error("The SQLite URL names no file: sqlite:<path>");
    const sqlite = new Sqlite(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    // SQLite's own lower() folds ASCII only; searches must fold "É" as PostgreSQL's does.
    sqlite.function("lower", { deterministic: true }, (text: unknown) =>
      typeof text === "string" ? text.toLowerCase() : text,
    );
    return {
      db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) }),
      dialect: "sqlite",
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return {
      db: new Kysely<Tables>({
        dialect: new PostgresDialect({ pool: postgresPool(url, options) }),
      }),
      dialect: "postgres",
    };
  }
  throw new Error(`Unknown database URL "${url}": use sqlite:<file> or postgres://…`);
}

function postgresPool(url: string, options: DatabaseOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    // The client gives up on a stalled connection; the server ends a query that runs too long.
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    keepAlive: true,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8
          ? Number
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const report = options.onConnectionError ?? (() => undefined);
  // Without these listeners a connection cut while idle (or between a transaction's queries)
  // is an unhandled 'error' event, and the process dies.
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let broken: Error | undefined;
      return {
        query<R>(sql: string, parameters: readonly unknown[]) {
          return client.query(sql, [...parameters]).catch((error: Error) => {
            if (isUnavailable(error)) broken = error;
            throw error;
          }) as Promise<PostgresQueryResult<R>>;
        },
        // A connection that failed may still be stuck on its query: drop it, never reuse it.
        release: () => client.release(broken),
      } as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
