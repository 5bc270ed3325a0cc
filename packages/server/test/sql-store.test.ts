import type { SsprStore } from "@sspr/engine";
import { describeStoreConformance } from "@sspr/engine/conformance";
import { describe, expect, it } from "vitest";
import { openSqlStore } from "../src/index.js";
import { freshSchema, postgresAvailable, postgresUrl, sqliteFile } from "./services.js";

/** A store on a fresh SQLite file, removed on close. */
async function onSqlite() {
  const { url, remove } = await sqliteFile();
  const { store, close } = await openSqlStore(url);
  return {
    store,
    close: async () => {
      await close();
      await remove();
    },
  };
}

/** A store in a fresh PostgreSQL schema, dropped on close. */
async function onPostgres() {
  const { schema, drop } = await freshSchema();
  const { store, close } = await openSqlStore(postgresUrl, { schema });
  return {
    store,
    close: async () => {
      await close();
      await drop();
    },
  };
}

describeStoreConformance("SQL store on a SQLite file", onSqlite);
describeSqlSpecifics("a SQLite file", onSqlite);

const withPostgres = await postgresAvailable();

describe.runIf(withPostgres)("on PostgreSQL", () => {
  describeStoreConformance("SQL store on PostgreSQL", onPostgres);
  describeSqlSpecifics("PostgreSQL", onPostgres);
});

/** What the SQL store must get right beyond the conformance suite, on each database. */
function describeSqlSpecifics(
  name: string,
  open: () => Promise<{ store: SsprStore; close: () => Promise<void> }>,
) {
  describe(`the SQL store on ${name}`, () => {
    it("matches an audit type prefix exactly: LIKE's wildcards as text, and case", async () => {
      const { store, close } = await open();
      try {
        for (const [id, type] of [
          ["e1", "a_b.x"],
          ["e2", "axb.y"],
          ["e3", "A_B.z"],
          ["e4", "a%b.w"],
          ["e5", "a\\b.v"],
        ] as const)
          await store.appendAudit({
            id,
            at: 1,
            type,
            actor: null,
            subject: null,
            outcome: "success",
            detail: {},
          });
        const ids = async (type: string) => (await store.listAudit({ type })).map((e) => e.id);
        expect(await ids("a_b.")).toEqual(["e1"]);
        expect(await ids("a%b.")).toEqual(["e4"]);
        expect(await ids("a\\b.")).toEqual(["e5"]);
        expect(await ids("A_B.")).toEqual(["e3"]);
        expect(await ids("a_b.x")).toEqual(["e1"]);
      } finally {
        await close();
      }
    });

    it("keeps invitation flows", async () => {
      const { store, close } = await open();
      try {
        const flow = {
          id: "i1",
          kind: "invitation" as const,
          subject: "u1",
          data: { step: "invited" },
          version: 1,
          expiresAt: 1000,
        };
        await store.createFlow(flow);
        expect(await store.getFlow("i1")).toEqual(flow);
      } finally {
        await close();
      }
    });
  });
}

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
