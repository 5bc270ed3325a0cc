import { decodeBotProof, encodeBotProof, solveBotChallenge } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { createAltchaBotCheck } from "../src/bot/altcha-bot-check.js";
import { describeBotCheckConformance } from "../src/conformance/bot-check.conformance.js";
import { generateSecretKey } from "../src/crypto/keyring.js";
import { ManualClock } from "../src/memory/clocks.js";

// A cost of 10 iterations a try keeps each solve to a few milliseconds.
describeBotCheckConformance("ALTCHA proof of work", async (clock) => ({
  botCheck: createAltchaBotCheck({ hmacKey: generateSecretKey(), clock, cost: 10 }),
  solve: solveBotChallenge,
}));

describe("the ALTCHA bot check", () => {
  it("issues PBKDF2/SHA-256 challenges at the default cost, expiring after 10 minutes", async () => {
    const clock = new ManualClock();
    const botCheck = createAltchaBotCheck({ hmacKey: generateSecretKey(), clock });
    const { challenge } = await botCheck.createChallenge();
    expect(challenge.parameters).toMatchObject({
      algorithm: "PBKDF2/SHA-256",
      cost: 5_000,
      keyPrefix: "00",
      data: { expiresAt: clock.now() + 600_000 },
    });
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    // The wall-clock expiry ALTCHA would check is not used: the injected clock decides.
    expect(challenge.parameters).not.toHaveProperty("expiresAt");
  });

  it("takes its cost and lifetime from the options", async () => {
    const clock = new ManualClock();
    const botCheck = createAltchaBotCheck({
      hmacKey: generateSecretKey(),
      clock,
      cost: 10,
      ttlSeconds: 60,
    });
    const challenge = await botCheck.createChallenge();
    expect(challenge.challenge.parameters).toMatchObject({ cost: 10 });
    const verdict = await botCheck.verify(await solveBotChallenge(challenge));
    expect(verdict).toEqual({
      verified: true,
      proofId: challenge.challenge.signature,
      expiresAt: clock.now() + 60_000,
    });
  });

  it("rejects a challenge signed with another key", async () => {
    const clock = new ManualClock();
    const ours = createAltchaBotCheck({ hmacKey: generateSecretKey(), clock, cost: 10 });
    const theirs = createAltchaBotCheck({ hmacKey: generateSecretKey(), clock, cost: 10 });
    const proof = await solveBotChallenge(await theirs.createChallenge());
    expect((await theirs.verify(proof)).verified).toBe(true);
    expect(await ours.verify(proof)).toEqual({ verified: false });
  });

  it("round-trips the proof format: base64url JSON { challenge, solution }", async () => {
    const botCheck = createAltchaBotCheck({
      hmacKey: generateSecretKey(),
      clock: new ManualClock(),
      cost: 10,
    });
    const challenge = await botCheck.createChallenge();
    const proof = await solveBotChallenge(challenge);
    expect(proof).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = decodeBotProof(proof);
    expect(decoded?.challenge).toEqual(challenge.challenge);
    expect(decoded?.solution).toMatchObject({
      counter: expect.any(Number),
      derivedKey: expect.stringMatching(/^00[0-9a-f]{62}$/),
    });
    expect(encodeBotProof(challenge, decoded?.solution)).toBe(proof);
    // Standard base64 with padding, as a hand-written client might send it, is read too.
    const standard = btoa(
      JSON.stringify({ challenge: challenge.challenge, solution: decoded?.solution }),
    );
    expect((await botCheck.verify(standard)).verified).toBe(true);
  });

  it("refuses options it cannot work with", () => {
    const clock = new ManualClock();
    expect(() => createAltchaBotCheck({ hmacKey: "", clock })).toThrow(RangeError);
    for (const cost of [0, -1, 1.5, Number.NaN]) {
      expect(() => createAltchaBotCheck({ hmacKey: "k", clock, cost })).toThrow(RangeError);
    }
    for (const ttlSeconds of [0, -60, Number.POSITIVE_INFINITY]) {
      expect(() => createAltchaBotCheck({ hmacKey: "k", clock, ttlSeconds })).toThrow(RangeError);
    }
  });
});
