import { type Kysely, type Migration, Migrator, sql } from "kysely";
import type { Dialect } from "./open-database.js";
import type { Tables } from "./tables.js";

/** The schema's versions, oldest first; a new version is a new entry, never an edit. */
const migrations = (dialect: Dialect): Record<string, Migration> => ({
  "001-store": {
    async up(db: Kysely<unknown>) {
      // Rows that keep insertion order: an identity column in each dialect.
      const serial = dialect === "postgres" ? "bigserial" : "integer";
      const bigint = dialect === "postgres" ? "bigint" : "integer";
      await db.schema
        .createTable("policy")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("policy", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("methods")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("contact", "text")
        .addColumn("secret", "text")
        .addColumn("answers", "text", (c) => c.notNull())
        .addColumn("last_step", bigint, (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint("methods_pk", ["user_id", "id"])
        .execute();
      await db.schema
        .createTable("confirmations")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("confirmed_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("flows")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("expires_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("flows_expires_at").on("flows").column("expires_at").execute();
      await db.schema
        .createTable("counters")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("count", "integer", (c) => c.notNull())
        .addColumn("reset_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("claims")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("expires_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("outbox")
        .addColumn("seq", serial, (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("id", "text", (c) => c.notNull().unique())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", bigint, (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("last_error", "text")
        .execute();
      await db.schema
        .createIndex("outbox_due")
        .on("outbox")
        .columns(["state", "next_attempt_at"])
        .execute();
      await db.schema
        .createTable("audit")
        .addColumn("seq", serial, (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("id", "text", (c) => c.notNull().unique())
        .addColumn("at", bigint, (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("actor", "text")
        .addColumn("subject", "text")
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_at").on("audit").column("at").execute();
    },
  },
  "002-directory": {
    async up(db: Kysely<unknown>) {
      const serial = dialect === "postgres" ? "bigserial" : "integer";
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("groups", "text", (c) => c.notNull())
        .addColumn("is_admin", "integer", (c) => c.notNull())
        .addColumn("disabled", "integer", (c) => c.notNull())
        .addColumn("locked", "integer", (c) => c.notNull())
        .addColumn("must_change", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("user_identifiers")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("identifier", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("password_hashes")
        .addColumn("seq", serial, (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("password_hashes_user")
        .on("password_hashes")
        .columns(["user_id", "seq"])
        .execute();
    },
  },
  "003-password-expiry": {
    async up(db: Kysely<unknown>) {
      const bigint = dialect === "postgres" ? "bigint" : "integer";
      // Null for hashes set before this version: when they were set is not known.
      await db.schema.alterTable("password_hashes").addColumn("changed_at", bigint).execute();
      // No reference to users: the store's user ids may come from another directory.
      await db.schema
        .createTable("never_expires")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .execute();
    },
  },
});

/**
 * Brings the database to the newest schema version (`sspr migrate`, and at start). Versions
 * already applied are skipped; a failed one is rolled back and reported.
 */
export async function migrateToLatest(db: Kysely<Tables>, dialect: Dialect): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which: a second sspr
  // (or test) in another schema of the same database would make it skip creating them here.
  const schema =
    dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    // Migrations see the database as it was at their version, not as the code sees it now.
    db: db as Kysely<unknown>,
    provider: { getMigrations: async () => migrations(dialect) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
