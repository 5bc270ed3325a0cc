import { describe, expect, it } from "vitest";
import type { PasswordHasher } from "../adapters/password-hasher.js";

/** The behaviour every `PasswordHasher` must have, as vitest tests. */
export function describeHasherConformance(name: string, create: () => PasswordHasher): void {
  describe(`${name} (hasher conformance)`, () => {
    const hasher = create();

    it("verifies the secret it hashed and nothing else", async () => {
      const hash = await hasher.hash("correct horse battery staple");
      expect(await hasher.verify(hash, "correct horse battery staple")).toBe(true);
      expect(await hasher.verify(hash, "correct horse battery stapler")).toBe(false);
      expect(hash).not.toContain("correct horse");
    });

    it("salts: the same secret hashes differently each time", async () => {
      expect(await hasher.hash("same secret")).not.toBe(await hasher.hash("same secret"));
    });

    it("does not truncate: secrets equal for 100 code points and different after do not match", async () => {
      const stem = "\u{1F511}".repeat(100);
      expect(await hasher.verify(await hasher.hash(`${stem}a`), `${stem}b`)).toBe(false);
    });

    it("answers false, not a throw, for a malformed hash", async () => {
      for (const junk of ["", "plain", "$argon2id$v=19$m=1$broken", "$scrypt$nonsense"]) {
        expect(await hasher.verify(junk, "x")).toBe(false);
      }
    });
  });
}
