import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Directory, DirectoryUser } from "../adapters/directory.js";

const anna: DirectoryUser = {
  id: "anna",
  identifiers: ["anna@contoso.com", "ADVRIES"],
  displayName: "Anna de Vries",
  groups: ["staff"],
  isAdmin: false,
  disabled: false,
  locked: false,
};

const T0 = Date.UTC(2026, 0, 1);

/** The earliest and latest time a directory may report for a change. */
type Window = [earliest: number, latest: number];

/**
 * The behaviour every `Directory` must have, as vitest tests, for a factory that returns an
 * empty directory reading time from `now`, and a way to seed a user with a password. A directory
 * whose server stamps password changes itself (LDAP's `pwdChangedTime`, to the second) says
 * `serverClock: true`: its change times must then fall between the call's start and one second
 * after its end, read as late as they can have been so tokens issued before a change die.
 */
export function describeDirectoryConformance(
  name: string,
  create: (options: { now: () => number }) => Promise<{
    directory: Directory;
    seed: (user: DirectoryUser, password: string) => Promise<void>;
    close?: () => Promise<void>;
    serverClock?: boolean;
  }>,
): void {
  describe(`${name} (directory conformance)`, () => {
    let directory: Directory;
    let close: (() => Promise<void>) | undefined;
    let seed: (user: DirectoryUser, password: string) => Promise<void>;
    let serverClock = false;
    let now = T0;
    let seeded: Window;

    /** Runs `work` at fake time `at`; when the directory may say it happened. */
    const during = async (at: number, work: () => Promise<unknown>): Promise<Window> => {
      now = at;
      const before = Date.now();
      await work();
      return serverClock ? [before, Date.now() + 1000] : [at, at];
    };
    const expectWithin = (value: number | null | undefined, [earliest, latest]: Window) => {
      expect(value).toBeGreaterThanOrEqual(earliest);
      expect(value).toBeLessThanOrEqual(latest);
    };
    const changedAt = async (userId: string) =>
      (await directory.getPasswordState(userId))?.changedAt;

    beforeEach(async () => {
      now = T0;
      const made = await create({ now: () => now });
      ({ directory, close, seed } = made);
      serverClock = made.serverClock ?? false;
      seeded = await during(T0, () => seed(anna, "first password one"));
    });
    afterEach(async () => {
      await close?.();
    });

    it("finds a user by any identifier, case-insensitively, and nobody for an unknown one", async () => {
      expect(await directory.findUser("ANNA@contoso.com")).toEqual(anna);
      expect(await directory.findUser(" advries ")).toEqual(anna);
      expect(await directory.findUser("bob@contoso.com")).toBeNull();
      expect(await directory.getUser("anna")).toEqual(anna);
      expect(await directory.getUser("bob")).toBeNull();
    });

    it("checks and sets passwords", async () => {
      expect(await directory.verifyPassword("anna", "first password one")).toBe(true);
      expect(await directory.verifyPassword("anna", "wrong")).toBe(false);
      expect(await directory.verifyPassword("nobody", "first password one")).toBe(false);
      await directory.setPassword("anna", "second password two", { mustChange: false });
      expect(await directory.verifyPassword("anna", "second password two")).toBe(true);
      expect(await directory.verifyPassword("anna", "first password one")).toBe(false);
    });

    it("reports reuse of the current password and the last N, not beyond", async () => {
      for (const n of ["two", "three", "four"])
        await directory.setPassword("anna", `password ${n}`, { mustChange: false });
      expect(await directory.isPasswordReused("anna", "password four", 0)).toBe(true);
      expect(await directory.isPasswordReused("anna", "password two", 2)).toBe(true);
      expect(await directory.isPasswordReused("anna", "first password one", 2)).toBe(false);
      expect(await directory.isPasswordReused("anna", "first password one", 3)).toBe(true);
      expect(await directory.isPasswordReused("anna", "never used", 24)).toBe(false);
    });

    it("does not truncate long passwords", async () => {
      const stem = "\u00e9".repeat(100);
      await directory.setPassword("anna", `${stem}a`, { mustChange: false });
      expect(await directory.verifyPassword("anna", `${stem}b`)).toBe(false);
      expect(await directory.verifyPassword("anna", `${stem}a`)).toBe(true);
    });

    it("lists users by id, a page at a time, searching ids, identifiers and names", async () => {
      await seed(
        { ...anna, id: "carla", identifiers: ["carla@contoso.com"], displayName: "Carla Smit" },
        "pw carla one",
      );
      await seed(
        { ...anna, id: "ben", identifiers: ["b.bakker@contoso.com"], displayName: "Ben Bakker" },
        "pw ben one",
      );
      const ids = async (query: Parameters<Directory["listUsers"]>[0]) => {
        const { users, total } = await directory.listUsers(query);
        return { ids: users.map((u) => u.id), total };
      };
      expect(await ids({ offset: 0, limit: 10 })).toEqual({
        ids: ["anna", "ben", "carla"],
        total: 3,
      });
      expect(await ids({ offset: 1, limit: 1 })).toEqual({ ids: ["ben"], total: 3 });
      expect(await ids({ search: "DE VRIES", offset: 0, limit: 10 })).toEqual({
        ids: ["anna"],
        total: 1,
      });
      expect(await ids({ search: "bakker@", offset: 0, limit: 10 })).toEqual({
        ids: ["ben"],
        total: 1,
      });
      expect(await ids({ search: "carl", offset: 0, limit: 10 })).toEqual({
        ids: ["carla"],
        total: 1,
      });
      expect(await ids({ search: "contoso", offset: 2, limit: 10 })).toEqual({
        ids: ["carla"],
        total: 3,
      });
      expect(await ids({ search: "nobody", offset: 0, limit: 10 })).toEqual({ ids: [], total: 0 });
      expect((await directory.listUsers({ search: "anna", offset: 0, limit: 1 })).users[0]).toEqual(
        anna,
      );
    });

    it("knows when a password was set and when a change is due at next sign-in", async () => {
      expect((await directory.getPasswordState("anna"))?.mustChange).toBe(false);
      expectWithin(await changedAt("anna"), seeded);
      const temporary = await during(T0 + 5000, () =>
        directory.setPassword("anna", "temporary password", { mustChange: true }),
      );
      expect((await directory.getPasswordState("anna"))?.mustChange).toBe(true);
      expectWithin(await changedAt("anna"), temporary);
      const chosen = await during(T0 + 9000, () =>
        directory.setPassword("anna", "chosen by anna herself", { mustChange: false }),
      );
      expect((await directory.getPasswordState("anna"))?.mustChange).toBe(false);
      expectWithin(await changedAt("anna"), chosen);
      const before = await changedAt("anna");
      await directory.requirePasswordChange("anna");
      expect(await directory.getPasswordState("anna")).toEqual({
        changedAt: before,
        mustChange: true,
      });
      expect(await directory.verifyPassword("anna", "chosen by anna herself")).toBe(true);
      expect(await directory.getPasswordState("nobody")).toBeNull();
    });

    // Bearer tokens are refused when issued at or before this time, so it is kept to the ms.
    it("records each password change to the millisecond; an unlock or a forced change does not move it", async () => {
      await seed(
        { ...anna, id: "ben", identifiers: ["ben@contoso.com"], locked: true },
        "pw ben one",
      );
      await during(T0 + 1234, () =>
        directory.setPassword("ben", "set by a reset", { mustChange: false }),
      );
      const first = await changedAt("ben");
      const second = await during(T0 + 1235, () =>
        directory.setPassword("ben", "set by an administrator", { mustChange: true }),
      );
      const last = await changedAt("ben");
      expectWithin(last, second);
      expect(last).toBeGreaterThanOrEqual(first ?? Number.POSITIVE_INFINITY);
      now = T0 + 9999;
      await directory.unlock("ben");
      await directory.requirePasswordChange("ben");
      expect(await changedAt("ben")).toBe(last);
      expectWithin(await changedAt("anna"), seeded);
    });

    it("unlocks a locked-out user and keeps the password", async () => {
      await seed(
        { ...anna, id: "ben", identifiers: ["ben@contoso.com"], locked: true },
        "pw ben one",
      );
      expect((await directory.getUser("ben"))?.locked).toBe(true);
      await directory.unlock("ben");
      expect((await directory.getUser("ben"))?.locked).toBe(false);
      expect(await directory.verifyPassword("ben", "pw ben one")).toBe(true);
      expect((await directory.getUser("anna"))?.locked).toBe(false);
    });
  });
}
