import { createArgon2Hasher } from "@sspr/engine/argon2";
import type { ServerConfig } from "../config/server-config.schema.js";
import { SqlDirectory } from "../directory/sql-directory.js";
import { openMigratedDatabase } from "../engine/open-engine.js";
import { SqlStore } from "../store/sql-store.js";

/** The store and directory of a configuration's database, migrated, for the admin commands. */
export async function openForAdmin(config: ServerConfig) {
  const { database } = await openMigratedDatabase(config);
  return {
    store: new SqlStore(database),
    directory: new SqlDirectory(database, { hasher: createArgon2Hasher() }),
    close: () => database.db.destroy(),
  };
}
