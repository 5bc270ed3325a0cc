import { beforeAll, describe, expect, it } from "vitest";
import { bannedScore, personalTerms } from "../src/password/banned-score.js";
import { loadCommonPasswords } from "../src/password/common-passwords.js";
import { countCodePoints, foldForMatching, normalisePassword } from "../src/password/normalise.js";
import { evaluatePassword, type PasswordContext } from "../src/password/password-rules.js";
import { createTermIndex } from "../src/password/term-index.js";

const policy = { minLength: 12, bannedTerms: [] as string[], requireStrong: false };
let anna: PasswordContext;
beforeAll(async () => {
  anna = {
    personal: ["Anna de Vries", "anna@contoso.com", "avries"],
    common: await loadCommonPasswords(),
  };
});
const evaluate = (password: string, overrides = {}) =>
  evaluatePassword(password, { ...policy, ...overrides }, anna);
const result = (password: string, rule: string, overrides = {}) =>
  evaluate(password, overrides).results.find((r) => r.rule === rule);

describe("password rules", () => {
  it("report the rules in force, in a fixed order, and ok only when all pass", () => {
    const good = evaluate("correct horse battery staple");
    expect(good.results.map((r) => r.rule)).toEqual(["length", "max-length", "banned"]);
    expect(good.ok).toBe(true);
    expect(
      evaluate("correct horse battery staple", { requireStrong: true }).results.map((r) => r.rule),
    ).toEqual(["length", "max-length", "strength", "banned"]);
    expect(evaluate("short").ok).toBe(false);
  });

  it("pass no rule on an empty password", () => {
    for (const requireStrong of [false, true])
      expect(evaluate("", { requireStrong }).results.filter((r) => r.passed)).toEqual([]);
  });

  it("count length in code points after NFKC", () => {
    expect(countCodePoints("\u{1F511}")).toBe(1);
    expect(normalisePassword("e\u0301")).toBe("\u00e9");
    expect(result("\u{1F511}".repeat(12), "length")?.passed).toBe(true);
    expect(result("\u{1F511}".repeat(11), "length")?.passed).toBe(false);
    expect(result(`${"e\u0301".repeat(11)}x`, "length")?.passed).toBe(true);
  });

  it("allow at least 64 characters and reject more than 256", () => {
    expect(result("a quiet river runs ".repeat(4).slice(0, 64), "max-length")?.passed).toBe(true);
    expect(result("x".repeat(256), "max-length")?.passed).toBe(true);
    expect(result("x".repeat(257), "max-length")?.passed).toBe(false);
  });

  it("do not truncate: a banned word at code point 200 still costs its point", () => {
    const long = `${"a calm blue lake under stars ".repeat(7).slice(0, 200)}password`;
    expect(result(long, "banned")?.terms).toContain("password");
  });

  it("ask for 3 of 4 character classes only when the policy requires strong passwords", () => {
    expect(result("alllowercaseletters", "strength")).toBeUndefined();
    expect(result("alllowercaseletters", "strength", { requireStrong: true })?.passed).toBe(false);
    expect(result("Lower and Upper 42", "strength", { requireStrong: true })?.passed).toBe(true);
    expect(result("Ünïcödé ÄÖÜ 99", "strength", { requireStrong: true })?.passed).toBe(true);
  });

  it("fold case, look-alikes and white space as Entra normalises", () => {
    expect(foldForMatching("P@55w0rd!")).toBe("passwordi");
    expect(foldForMatching("C0ntos0Blank12")).toBe("contosoblankl2");
    expect(foldForMatching("pass word\u200b#")).toBe("password#");
  });

  it("accept the passphrases people choose", () => {
    for (const passphrase of [
      "Orange velvet compass 48",
      "I love hiking in the Alps",
      "purple lantern over harbour 5",
      "correct horse battery staple",
    ])
      expect(evaluate(passphrase, { minLength: 8 }), passphrase).toMatchObject({ ok: true });
  });

  it("refuse common passwords, with look-alikes and one edit, naming the term", () => {
    for (const [password, term] of [
      ["P@55w0rd-P@55w0rd", "password"],
      ["Welcome26!", "welcome"],
      ["QWERTY123456", "qwerty123456"],
      ["Passwrd1!", "password1"],
      ["Pa5sw0rrd", "password"],
    ] as const) {
      const banned = result(password, "banned", { minLength: 4 });
      expect(banned, password).toMatchObject({ passed: false });
      expect(banned?.terms, password).toContain(term);
    }
  });
});

describe("Entra's banned-password score", () => {
  const lists = [createTermIndex(["contoso", "blank", "abcdef"], foldForMatching)];
  const score = (password: string) => bannedScore(password, lists, new Set());

  it("scores Entra's documented examples", () => {
    // "[contoso] + [blank] + [1] + [2] = 4 points": under 5, rejected.
    expect(score("C0ntos0Blank12")).toEqual({ points: 4, terms: ["contoso", "blank"] });
    // "[contoso] + [blank] + [f] + [9] + [!] = 5 points": accepted.
    expect(score("ContoS0Bl@nkf9!")).toEqual({ points: 5, terms: ["contoso", "blank"] });
  });

  it("finds a banned term one edit away (Entra: abcdef, so abcdeg, abcdefg and abcde)", () => {
    for (const password of ["abcdeg", "abcde", "abcdef"])
      expect(score(password), password).toEqual({ points: 1, terms: ["abcdef"] });
    // As typed wins over one edit, so the g is a point of its own.
    expect(score("abcdefg")).toEqual({ points: 2, terms: ["abcdef"] });
    expect(score("abcxyz").terms).toEqual([]);
    // Two edits is another word.
    expect(score("kontozo").terms).toEqual([]);
  });

  it("counts the policy's custom terms and names them", () => {
    const banned = result("we sail C0nt0so", "banned", { bannedTerms: ["Contoso"], minLength: 8 });
    expect(banned).toMatchObject({ passed: true, terms: ["Contoso"] });
    expect(result("C0nt0so 26!", "banned", { bannedTerms: ["Contoso"] })).toMatchObject({
      passed: false,
      terms: ["Contoso"],
    });
  });

  it("counts the user's own name and identifiers of 4+ characters, never their domain", () => {
    expect(result("anna 2!", "banned", { minLength: 4 })).toMatchObject({
      passed: false,
      terms: ["anna"],
    });
    expect(result("vries!", "banned", { minLength: 4 })).toMatchObject({
      passed: false,
      terms: ["vries"],
    });
    expect(result("Avries2!", "banned", { minLength: 4 })).toMatchObject({
      passed: false,
      terms: ["avries"],
    });
    // "de" is too short to count; "contoso" and "com" are the domain, not Anna.
    expect(bannedScore("decontoso.com", [], personalTerms(anna.personal))).toEqual({
      points: 13,
      terms: [],
    });
  });
});
