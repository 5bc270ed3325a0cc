import { createArgon2Hasher } from "@sspr/engine/argon2";
import { describeDirectoryConformance } from "@sspr/engine/conformance";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, SqlDirectory } from "../src/index.js";
import { freshSchema, postgresAvailable, postgresUrl, sqliteFile } from "./services.js";

const hasher = createArgon2Hasher();

/** A migrated database and a directory on it. */
async function directoryOn(url: string, schema?: string) {
  const database = openDatabase(url, schema ? { schema } : {});
  await migrateToLatest(database.db, database.dialect);
  const directory = new SqlDirectory(database, { hasher });
  return {
    directory,
    seed: directory.addUser.bind(directory),
    destroy: () => database.db.destroy(),
  };
}

describeDirectoryConformance("SQL directory on a SQLite file", async () => {
  const { url, remove } = await sqliteFile();
  const { directory, seed, destroy } = await directoryOn(url);
  return {
    directory,
    seed,
    close: async () => {
      await destroy();
      await remove();
    },
  };
});

describe.runIf(await postgresAvailable())("on PostgreSQL", () => {
  describeDirectoryConformance("SQL directory on PostgreSQL", async () => {
    const { schema, drop } = await freshSchema();
    const { directory, seed, destroy } = await directoryOn(postgresUrl, schema);
    return {
      directory,
      seed,
      close: async () => {
        await destroy();
        await drop();
      },
    };
  });
});

describe("the SQL directory's administration", () => {
  it("lists users, changes their attributes and keeps the must-change flag", async () => {
    const { url, remove } = await sqliteFile();
    const { directory, destroy } = await directoryOn(url);
    try {
      const user = {
        id: "bob",
        identifiers: ["Bob@Contoso.com"],
        displayName: "Bob",
        groups: [],
        isAdmin: false,
        disabled: false,
        locked: false,
      };
      await directory.addUser(user, "bob's first password");
      await expect(directory.addUser({ ...user, id: "bob2" }, "x")).rejects.toThrow();
      expect(await directory.updateUser("bob", { disabled: true, groups: ["staff"] })).toBe(true);
      expect(await directory.updateUser("nobody", { disabled: true })).toBe(false);
      expect(await directory.listUsers()).toEqual([{ ...user, disabled: true, groups: ["staff"] }]);
      expect(await directory.mustChangePassword("bob")).toBe(false);
      await directory.setPassword("bob", "a temporary password", { mustChange: true });
      expect(await directory.mustChangePassword("bob")).toBe(true);
      await expect(directory.setPassword("nobody", "x", { mustChange: false })).rejects.toThrow(
        /No user/,
      );
    } finally {
      await destroy();
      await remove();
    }
  });
});
