import { createArgon2Hasher } from "@sspr/engine/argon2";
import { describeDirectoryConformance } from "@sspr/engine/conformance";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, SqlDirectory } from "../src/index.js";
import { freshSchema, postgresAvailable, postgresUrl, sqliteFile } from "./services.js";

const hasher = createArgon2Hasher();

/** A migrated database and a directory on it. */
async function directoryOn(url: string, options: { schema?: string; now?: () => number } = {}) {
  const database = openDatabase(url, options.schema ? { schema: options.schema } : {});
  await migrateToLatest(database.db, database.dialect);
  const directory = new SqlDirectory(database, {
    hasher,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    database,
    directory,
    seed: directory.addUser.bind(directory),
    destroy: () => database.db.destroy(),
  };
}

describeDirectoryConformance("SQL directory on a SQLite file", async ({ now }) => {
  const { url, remove } = await sqliteFile();
  const { directory, seed, destroy } = await directoryOn(url, { now });
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
  describeDirectoryConformance("SQL directory on PostgreSQL", async ({ now }) => {
    const { schema, drop } = await freshSchema();
    const { directory, seed, destroy } = await directoryOn(postgresUrl, { schema, now });
    return {
      directory,
      seed,
      close: async () => {
        await destroy();
        await drop();
      },
    };
  });
  describeSqlSpecifics("PostgreSQL", async () => {
    const { schema, drop } = await freshSchema();
    const opened = await directoryOn(postgresUrl, { schema });
    return {
      ...opened,
      close: async () => {
        await opened.destroy();
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
      expect(await directory.listUsers({ offset: 0, limit: 10 })).toEqual({
        users: [{ ...user, disabled: true, groups: ["staff"] }],
        total: 1,
      });
      expect((await directory.getPasswordState("bob"))?.mustChange).toBe(false);
      await directory.setPassword("bob", "a temporary password", { mustChange: true });
      expect((await directory.getPasswordState("bob"))?.mustChange).toBe(true);
      await expect(directory.setPassword("nobody", "x", { mustChange: false })).rejects.toThrow(
        /No user/,
      );
    } finally {
      await destroy();
      await remove();
    }
  });
});

/** The SQL-specific parts of listing and password state, on each database. */
function describeSqlSpecifics(
  name: string,
  open: () => Promise<Awaited<ReturnType<typeof directoryOn>> & { close: () => Promise<void> }>,
) {
  describe(`the SQL directory on ${name}`, () => {
    const user = (id: string, displayName: string) => ({
      id,
      identifiers: [`${id}@contoso.com`],
      displayName,
      groups: [],
      isAdmin: false,
      disabled: false,
      locked: false,
    });

    it("searches for LIKE's wildcards and escape character as plain text", async () => {
      const { directory, close } = await open();
      try {
        await directory.addUser(user("a_b", "Percent 100% Sure"), "pw one");
        await directory.addUser(user("axb", "Back\\slash"), "pw two");
        await directory.addUser(user("cd", "Ordinary"), "pw three");
        const ids = async (search: string) =>
          (await directory.listUsers({ search, offset: 0, limit: 10 })).users.map((u) => u.id);
        expect(await ids("_")).toEqual(["a_b"]);
        expect(await ids("%")).toEqual(["a_b"]);
        expect(await ids("\\")).toEqual(["axb"]);
        expect(await ids("0% s")).toEqual(["a_b"]);
        expect(await ids("  ")).toEqual(["a_b", "axb", "cd"]);
        // Every identifier matches: still one user each.
        expect(await directory.listUsers({ search: "@", offset: 0, limit: 2 })).toMatchObject({
          total: 3,
        });
      } finally {
        await close();
      }
    });

    it("searches case-insensitively beyond ASCII", async () => {
      const { directory, close } = await open();
      try {
        await directory.addUser(user("elise", "Élise Öztürk"), "pw one");
        const ids = async (search: string) =>
          (await directory.listUsers({ search, offset: 0, limit: 10 })).users.map((u) => u.id);
        expect(await ids("élise ö")).toEqual(["elise"]);
        expect(await ids("ÖZTÜRK")).toEqual(["elise"]);
      } finally {
        await close();
      }
    });

    it("knows no time for a password set before the time was recorded", async () => {
      const { database, directory, close } = await open();
      try {
        await directory.addUser(user("old", "Old Timer"), "pw one");
        // As migration 003 leaves the hashes already there.
        await database.db.updateTable("password_hashes").set({ changed_at: null }).execute();
        expect(await directory.getPasswordState("old")).toEqual({
          changedAt: null,
          mustChange: false,
        });
      } finally {
        await close();
      }
    });
  });
}

describeSqlSpecifics("a SQLite file", async () => {
  const { url, remove } = await sqliteFile();
  const opened = await directoryOn(url);
  return {
    ...opened,
    close: async () => {
      await opened.destroy();
      await remove();
    },
  };
});
