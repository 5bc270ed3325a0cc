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

/**
 * The behaviour every `Directory` must have, as vitest tests, for a factory that returns an
 * empty directory and a way to seed a user with a password.
 */
export function describeDirectoryConformance(
  name: string,
  create: () => Promise<{
    directory: Directory;
    seed: (user: DirectoryUser, password: string) => Promise<void>;
    close?: () => Promise<void>;
  }>,
): void {
  describe(`${name} (directory conformance)`, () => {
    let directory: Directory;
    let close: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const made = await create();
      ({ directory, close } = made);
      await made.seed(anna, "first password one");
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
  });
}
