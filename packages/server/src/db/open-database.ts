import Sqlite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Tables } from "./tables.js";

/** Which SQL database a store runs on. */
export type Dialect = "sqlite" | "postgres";

/** An open database: Kysely over it, and which kind it is. */
export interface Database {
  db: Kysely<Tables>;
  dialect: Dialect;
}

/** PostgreSQL's int8: epoch milliseconds fit a JavaScript number, so read them as one. */
const INT8 = 20;

/**
 * Opens the database a URL names: `sqlite:<file>` (created when missing, in WAL mode, so
 * readers never wait for the writer) or `postgres://…` / `postgresql://…` (a pool).
 */
export function openDatabase(url: string, options: { schema?: string } = {}): Database {
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
    const pool = new pg.Pool({
      connectionString: url,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === INT8
            ? Number
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    return {
      db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }),
      dialect: "postgres",
    };
  }
  throw new Error(`Unknown database URL "${url}": use sqlite:<file> or postgres://…`);
}
