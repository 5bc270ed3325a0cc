import { describe, expect, it } from "vitest";
import { countCodePoints, foldForMatching, normalisePassword } from "../src/password/normalise.js";
import { evaluatePassword, type PasswordContext } from "../src/password/password-rules.js";

const policy = { minLength: 12, bannedTerms: [] as string[], requireStrong: false };
const anna: PasswordContext = { personal: ["Anna de Vries", "anna.devries@contoso.com", "avries"] };
const result = (password: string, rule: string, overrides = {}, context = anna) =>
  evaluatePassword(password, { ...policy, ...overrides }, context).results.find(
    (r) => r.rule === rule,
  )?.passed;

describe("password rules", () => {
  it("report one result per rule, in a fixed order, and ok only when all pass", () => {
    const good = evaluatePassword("correct horse battery staple", policy, anna);
    expect(good.results.map((r) => r.rule)).toEqual([
      "length",
      "max-length",
      "strength",
      "banned",
      "personal",
    ]);
    expect(good.ok).toBe(true);
    expect(evaluatePassword("short", policy, anna).ok).toBe(false);
  });

  it("count length in code points after NFKC", () => {
    expect(countCodePoints("\u{1F511}")).toBe(1);
    expect(normalisePassword("e\u0301")).toBe("\u00e9");
    expect(result("\u{1F511}".repeat(12), "length")).toBe(true);
    expect(result("\u{1F511}".repeat(11), "length")).toBe(false);
    expect(result(`${"e\u0301".repeat(11)}x`, "length")).toBe(true);
  });

  it("allow at least 64 characters and reject more than 256", () => {
    expect(result("a quiet river runs ".repeat(4).slice(0, 64), "max-length")).toBe(true);
    expect(result("x".repeat(256), "max-length")).toBe(true);
    expect(result("x".repeat(257), "max-length")).toBe(false);
  });

  it("do not truncate: a banned word at code point 200 still fails", () => {
    const long = `${"a calm blue lake under stars ".repeat(7).slice(0, 200)}password`;
    expect(result(long, "banned")).toBe(false);
  });

  it("ask for 3 of 4 character classes only when the policy requires strong passwords", () => {
    expect(result("alllowercaseletters", "strength")).toBe(true);
    expect(result("alllowercaseletters", "strength", { requireStrong: true })).toBe(false);
    expect(result("Lower and Upper 42", "strength", { requireStrong: true })).toBe(true);
    expect(result("Ünïcödé ÄÖÜ 99", "strength", { requireStrong: true })).toBe(true);
  });

  it("match common passwords after folding case and look-alike substitutions", () => {
    expect(foldForMatching("P@55w0rd!")).toBe("passwordi");
    expect(result("P@55w0rd-P@55w0rd", "banned")).toBe(false);
    expect(result("Welcome2026!!!!", "banned")).toBe(false);
    expect(result("QWERTY123456", "banned")).toBe(false);
    expect(result("correct horse battery staple", "banned")).toBe(true);
  });

  it("reject the policy's own banned terms", () => {
    expect(result("we sail Northwind boats far", "banned", { bannedTerms: ["Contoso"] })).toBe(
      true,
    );
    expect(result("we sail C0nt0so boats far", "banned", { bannedTerms: ["Contoso"] })).toBe(false);
  });

  it("reject the user's own name and identifiers", () => {
    expect(result("anna is my favourite name", "personal")).toBe(false);
    expect(result("my surname is VRIES really", "personal")).toBe(false);
    expect(result("contoso-avries-2026", "personal")).toBe(false);
    expect(result("correct horse battery staple", "personal")).toBe(true);
  });
});
