import { describe, expect, it } from "vitest";
import type { PasswordHasher } from "../adapters/password-hasher.js";

/**
 * The behaviour every `PasswordHasher` must have, as vitest tests: it verifies what it hashed
 * and nothing else, salts, hashes the whole secret exactly as given (no truncation, no
 * normalisation of its own), writes a PHC string that does not contain the secret, and
 * answers false, never a throw, for a malformed hash. `create` is called once per suite.
 */
export function describeHasherConformance(name: string, create: () => PasswordHasher): void {
  describe(`${name} (hasher conformance)`, () => {
    const hasher = create();

    it("verifies the secret it hashed", async () => {
      const secret = "correct horse battery staple";
      expect(await hasher.verify(await hasher.hash(secret), secret)).toBe(true);
    });

    it("rejects a wrong secret", async () => {
      const hash = await hasher.hash("correct horse battery staple");
      for (const wrong of [
        "correct horse battery stapler",
        "Correct horse battery staple",
        "correct horse battery staple ",
        "",
      ]) {
        expect(await hasher.verify(hash, wrong)).toBe(false);
      }
    });

    it("salts: the same secret hashes differently each time, and both verify", async () => {
      const [one, two] = [await hasher.hash("same secret"), await hasher.hash("same secret")];
      expect(one).not.toBe(two);
      expect(await hasher.verify(one, "same secret")).toBe(true);
      expect(await hasher.verify(two, "same secret")).toBe(true);
    });

    it("does not truncate: secrets equal for 100 code points and different after do not match", async () => {
      // 100 code points of 4 UTF-8 bytes each: well past bcrypt's 72-byte limit.
      const stem = "\u{1F511}".repeat(100);
      const hash = await hasher.hash(`${stem}a`);
      expect(await hasher.verify(hash, `${stem}a`)).toBe(true);
      expect(await hasher.verify(hash, `${stem}b`)).toBe(false);
      expect(await hasher.verify(hash, stem)).toBe(false);
      const ascii = "p".repeat(100);
      expect(await hasher.verify(await hasher.hash(`${ascii}1`), `${ascii}2`)).toBe(false);
    });

    it("hashes Unicode secrets exactly as given", async () => {
      const secret = "Pässwörd 密码 🔑 пароль";
      const hash = await hasher.hash(secret);
      expect(await hasher.verify(hash, secret)).toBe(true);
      expect(await hasher.verify(hash, "Passwoerd 密码 🔑 пароль")).toBe(false);
      // Normalisation is the engine's job: a hasher does not fold NFC and NFD together.
      const nfc = "caf\u00e9 au lait";
      const nfd = "cafe\u0301 au lait";
      expect(await hasher.verify(await hasher.hash(nfc), nfc)).toBe(true);
      expect(await hasher.verify(await hasher.hash(nfc), nfd)).toBe(false);
    });

    it("writes a PHC string that does not contain the secret", async () => {
      const secret = "hunter2-unmistakable-secret";
      const hash = await hasher.hash(secret);
      expect(hash).toMatch(/^\$[a-z0-9-]+(\$[A-Za-z0-9+/=.,-]*)+$/);
      expect(hash).not.toContain(secret);
      expect(hash).not.toContain("unmistakable");
    });

    it("answers false, not a throw, for a malformed hash", async () => {
      const real = await hasher.hash("x");
      const junk = [
        "",
        "plain",
        "x",
        "$",
        "$argon2id$v=19$m=1$broken",
        "$argon2id$v=19$m=19456,t=2,p=1$$",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$",
        "$scrypt$nonsense",
        "$2b$10$abcdefghijklmnopqrstuv",
        real.slice(0, real.length - 10),
        `${real}$extra`,
        `${real.slice(0, -4)}!!!!`,
        "$".repeat(10_000),
      ];
      for (const hash of junk) {
        await expect(hasher.verify(hash, "x")).resolves.toBe(false);
      }
    });
  });
}
