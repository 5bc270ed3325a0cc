import { describeStoreConformance } from "@sspr/engine/conformance";
import { describe, expect, it } from "vitest";
import { openSqlStore } from "../src/index.js";
import { freshSchema, postgresAvailable, postgresUrl, sqliteFile } from "./services.js";

describeStoreConformance("SQL store on a SQLite file", async () => {
  const { url, remove } = await sqliteFile();
  const { store, close } = await openSqlStore(url);
  return {
    store,
    close: async () => {
      await close();
      await remove();
    },
  };
});

const withPostgres = await postgresAvailable();

describe.runIf(withPostgres)("on PostgreSQL", () => {
  describeStoreConformance("SQL store on PostgreSQL", async () => {
    const { schema, drop } = await freshSchema();
    const { store, close } = await openSqlStore(postgresUrl, { schema });
    return {
      store,
      close: async () => {
        await close();
        await drop();
      },
    };
  });
});

describe("the SQL store's database", () => {
  it("keeps what was stored across a reopen of the SQLite file, migrating once", async () => {
    const { url, remove } = await sqliteFile();
    try {
      const first = await openSqlStore(url);
      await first.store.setConfirmedAt("u1", 42);
      await first.close();
      const second = await openSqlStore(url);
      expect(await second.store.getConfirmedAt("u1")).toBe(42);
      await second.close();
    } finally {
      await remove();
    }
  });

  it("names the problem with a URL it cannot use", async () => {
    await expect(openSqlStore("mysql://localhost/x")).rejects.toThrow(/Unknown database URL/);
    await expect(openSqlStore("postgres://nobody@127.0.0.1:1/none")).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
