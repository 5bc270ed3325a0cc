import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../src/db/migrations.js";
import { openDatabase } from "../src/db/open-database.js";
import { freshSchema, postgresAvailable, postgresUrl } from "./services.js";

describe.runIf(await postgresAvailable())("migrations on PostgreSQL", () => {
  it("migrates a schema while another schema of the database is already migrated", async () => {
    const first = await freshSchema();
    const second = await freshSchema();
    const databases = [first, second].map(({ schema }) => openDatabase(postgresUrl, { schema }));
    try {
      for (const database of databases) {
        const applied = await migrateToLatest(database.db, database.dialect);
        expect(applied.length).toBeGreaterThan(0);
        expect(await migrateToLatest(database.db, database.dialect)).toEqual([]);
      }
    } finally {
      for (const database of databases) await database.db.destroy();
      await first.drop();
      await second.drop();
    }
  });
});
