import { migrateToLatest } from "../db/migrations.js";
import { openDatabase } from "../db/open-database.js";
import { SqlStore } from "./sql-store.js";

/**
 * The SQL store on the database a URL names (`sqlite:<file>` or `postgres://…`), migrated to
 * the newest schema; `close` ends its connections.
 */
export async function openSqlStore(
  url: string,
  options: { schema?: string } = {},
): Promise<{ store: SqlStore; close: () => Promise<void> }> {
  const database = openDatabase(url, options);
  try {
    await migrateToLatest(database.db, database.dialect, options.schema);
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
  return { store: new SqlStore(database), close: () => database.db.destroy() };
}
