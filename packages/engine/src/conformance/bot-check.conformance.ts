import type { BotChallenge } from "@sspr/core";
import { decodeBotProof, encodeBotProof } from "@sspr/core";
import { describe, expect, it } from "vitest";
import type { BotCheck, BotVerdict } from "../adapters/bot-check.js";
import { ManualClock } from "../memory/clocks.js";

/** What a conformance factory returns: the check under test and a solver for its challenges. */
export interface BotCheckUnderTest {
  /** The check, built on the clock the suite passed in. */
  botCheck: BotCheck;
  /** Solves a challenge and returns the proof a client would submit. */
  solve: (challenge: BotChallenge) => Promise<string>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A base64 (standard alphabet) of a UTF-8 string, as a careless or hostile client sends it. */
const base64 = (text: string): string => {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/** Narrows a verdict to a verified one, failing the test otherwise. */
const expectVerified = (verdict: BotVerdict): Extract<BotVerdict, { verified: true }> => {
  if (!verdict.verified) throw new Error("expected the proof to verify");
  return verdict;
};

/**
 * The behaviour every `BotCheck` must have, as vitest tests. `create` receives a
 * `ManualClock` the suite controls and must build the check on it (expiry follows that clock,
 * not the wall clock); `solve` turns a challenge into the proof a client submits.
 *
 * Proofs are expected in the shared format of `encodeBotProof` (base64url JSON
 * `{ challenge, solution }`): the tampering tests decode and re-encode them.
 *
 * Replays are not the check's to stop: a proof verifies every time until it expires, always
 * with the same `proofId`, and the engine claims that id once (`Store.claimOnce`, until the
 * verdict's `expiresAt`). So a proof must stop verifying at `expiresAt`, when the claim lapses.
 */
export function describeBotCheckConformance(
  name: string,
  create: (clock: ManualClock) => Promise<BotCheckUnderTest>,
): void {
  describe(`${name} (bot check conformance)`, () => {
    it("verifies a solved challenge, with a proof id and an expiry in the future", async () => {
      const clock = new ManualClock();
      const { botCheck, solve } = await create(clock);
      const verdict = expectVerified(
        await botCheck.verify(await solve(await botCheck.createChallenge())),
      );
      expect(typeof verdict.proofId).toBe("string");
      expect(verdict.proofId.length).toBeGreaterThan(0);
      expect(verdict.expiresAt).toBeGreaterThan(clock.now());
    });

    it("verifies the same proof again with the same proof id (the engine stops replays)", async () => {
      const { botCheck, solve } = await create(new ManualClock());
      const proof = await solve(await botCheck.createChallenge());
      const first = await botCheck.verify(proof);
      expect(first.verified).toBe(true);
      expect(await botCheck.verify(proof)).toEqual(first);
    });

    it("issues a different challenge each time, with a different proof id", async () => {
      const { botCheck, solve } = await create(new ManualClock());
      const [one, two] = [await botCheck.createChallenge(), await botCheck.createChallenge()];
      expect(one).not.toEqual(two);
      const first = expectVerified(await botCheck.verify(await solve(one)));
      const second = expectVerified(await botCheck.verify(await solve(two)));
      expect(first.proofId).not.toBe(second.proofId);
    });

    it("rejects a challenge with a changed parameter", async () => {
      const { botCheck, solve } = await create(new ManualClock());
      const challenge = await botCheck.createChallenge();
      const decoded = decodeBotProof(await solve(challenge));
      if (!decoded) throw new Error("the solver's proof is not an encodeBotProof payload");
      const issued = challenge.challenge;
      const parameters = isObject(issued.parameters) ? issued.parameters : {};
      const data = isObject(parameters.data) ? parameters.data : {};
      const tampered: Record<string, unknown>[] = [
        { ...parameters, cost: 1 },
        { ...parameters, keyPrefix: "0" },
        { ...parameters, data: { ...data, expiresAt: Number.MAX_SAFE_INTEGER } },
        { ...parameters, extra: "x" },
      ];
      for (const changed of tampered) {
        const proof = encodeBotProof(
          { challenge: { ...issued, parameters: changed } },
          decoded.solution,
        );
        expect((await botCheck.verify(proof)).verified).toBe(false);
      }
      const unsigned = Object.fromEntries(
        Object.entries(issued).filter(([k]) => k !== "signature"),
      );
      expect(
        (await botCheck.verify(encodeBotProof({ challenge: unsigned }, decoded.solution))).verified,
      ).toBe(false);
      const forged = { ...issued, signature: "0".repeat(64) };
      expect(
        (await botCheck.verify(encodeBotProof({ challenge: forged }, decoded.solution))).verified,
      ).toBe(false);
    });

    it("rejects a wrong solution", async () => {
      const { botCheck, solve } = await create(new ManualClock());
      const challenge = await botCheck.createChallenge();
      const decoded = decodeBotProof(await solve(challenge));
      if (!decoded || !isObject(decoded.solution))
        throw new Error("the solver's proof is not an encodeBotProof payload");
      const solution = decoded.solution;
      const counter = typeof solution.counter === "number" ? solution.counter : 0;
      const key = typeof solution.derivedKey === "string" ? solution.derivedKey : "";
      const flipped = `${key.slice(0, -1)}${key.endsWith("0") ? "1" : "0"}`;
      const wrong: unknown[] = [
        { ...solution, counter: counter + 1 },
        { ...solution, derivedKey: flipped },
        { ...solution, derivedKey: "00".repeat(32) },
        { counter },
        {},
      ];
      for (const candidate of wrong) {
        expect((await botCheck.verify(encodeBotProof(challenge, candidate))).verified).toBe(false);
      }
      // A genuine solution of another challenge does not solve this one.
      const other = await botCheck.createChallenge();
      expect((await botCheck.verify(encodeBotProof(other, solution))).verified).toBe(false);
    });

    it("rejects garbage without throwing", async () => {
      const { botCheck } = await create(new ManualClock());
      const junk = [
        "",
        "x",
        "%%%not base64%%%",
        base64("{}"),
        base64("null"),
        base64("[]"),
        base64("not json"),
        base64('{"challenge":1,"solution":2}'),
        base64('{"challenge":{},"solution":{}}'),
        base64('{"challenge":{"parameters":"x","signature":1},"solution":{}}'),
        base64(
          '{"challenge":{"parameters":{"data":{"expiresAt":"soon"}},"signature":"00"},"solution":{}}',
        ),
        base64(
          '{"challenge":{"parameters":{"data":{"expiresAt":1e308}},"signature":"00"},"solution":{"counter":-1,"derivedKey":"zz"}}',
        ),
        base64('{"__proto__":{"challenge":{}},"solution":{}}'),
        "A".repeat(100_000),
        base64(JSON.stringify({ challenge: { pad: "x".repeat(100_000) }, solution: {} })),
      ];
      for (const proof of junk) {
        await expect(botCheck.verify(proof)).resolves.toEqual({ verified: false });
      }
    });

    it("rejects a proof from its expiry on, by the injected clock", async () => {
      const clock = new ManualClock();
      const { botCheck, solve } = await create(clock);
      const proof = await solve(await botCheck.createChallenge());
      const { expiresAt } = expectVerified(await botCheck.verify(proof));
      clock.set(expiresAt - 1);
      expect((await botCheck.verify(proof)).verified).toBe(true);
      clock.set(expiresAt);
      expect((await botCheck.verify(proof)).verified).toBe(false);
      clock.advance(24 * 3_600_000);
      expect((await botCheck.verify(proof)).verified).toBe(false);
    });

    it("follows the injected clock, not the wall clock, and is short-lived", async () => {
      // Years in the past and in the future: a check that read Date.now() would fail one.
      for (const start of [Date.UTC(2001, 0, 1), Date.UTC(2101, 0, 1)]) {
        const clock = new ManualClock(start);
        const { botCheck, solve } = await create(clock);
        const proof = await solve(await botCheck.createChallenge());
        const { expiresAt } = expectVerified(await botCheck.verify(proof));
        expect(expiresAt).toBeGreaterThan(start);
        expect(expiresAt).toBeLessThan(start + 24 * 3_600_000);
        clock.set(expiresAt);
        expect((await botCheck.verify(proof)).verified).toBe(false);
      }
    });
  });
}
