import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { freshSchema, postgresAvailable, postgresUrl } from "./services.js";

const ready = await postgresAvailable();

describe.runIf(ready)("two sspr deployments in one PostgreSQL database", () => {
  it("migrate each into its own schema (database.schema), creating a schema that is missing", async () => {
    const first = await freshSchema();
    const second = `sspr_test_${randomBytes(6).toString("hex")}`;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      for (const schema of [first.schema, second]) {
        const migrated = await runCli(["migrate"], {
          SSPR_DATABASE_URL: postgresUrl,
          SSPR_DATABASE_SCHEMA: schema,
        });
        expect(migrated).toMatchObject({
          code: 0,
          stdout: expect.stringMatching(/^Applied 001-store/),
        });
      }
      const { rows } = await client.query(
        "select table_schema as schema, count(*)::int as tables from information_schema.tables where table_schema = any($1) and table_name in ('policy', 'outbox', 'users', 'kysely_migration', 'kysely_migration_lock') group by table_schema order by table_schema",
        [[first.schema, second]],
      );
      expect(rows).toEqual([first.schema, second].sort().map((schema) => ({ schema, tables: 5 })));
    } finally {
      await client.query(`drop schema if exists ${second} cascade`);
      await client.end();
      await first.drop();
    }
  }, 60_000);
});
