import type { BotChallenge } from "@sspr/core";
import { decodeBotProof, encodeBotProof } from "@sspr/core";
import type { Solution } from "altcha-lib";
import { describe, expect, it } from "vitest";
import type { BotCheck } from "../adapters/bot-check.js";
import { ManualClock } from "../memory/clocks.js";

/**
 * The behaviour every `BotCheck` must have, as vitest tests, for a factory that takes the
 * suite's clock and returns the check and a solver. Replays are the engine's to stop (it claims
 * `proofId` once), so a check may verify the same proof twice, with the same id.
 */
export function describeBotCheckConformance(
  name: string,
  create: (
    clock: ManualClock,
  ) => Promise<{ botCheck: BotCheck; solve: (challenge: BotChallenge) => Promise<string> }>,
): void {
  describe(`${name} (bot check conformance)`, () => {
    it("verifies a solved challenge with a stable proof id", async () => {
      const { botCheck, solve } = await create(new ManualClock());
      const proof = await solve(await botCheck.createChallenge());
      const first = await botCheck.verify(proof);
      expect(first.verified).toBe(true);
      expect(await botCheck.verify(proof)).toEqual(first);
    });

    it("issues a different challenge each time", async () => {
      const { botCheck } = await create(new ManualClock());
      expect(await botCheck.createChallenge()).not.toEqual(await botCheck.createChallenge());
    });

    it("rejects a tampered challenge or a solution of another challenge", async () => {
      const { botCheck, solve } = await create(new ManualClock());
      const challenge = await botCheck.createChallenge();
      const decoded = decodeBotProof(await solve(challenge));
      const solution = decoded?.solution as Solution;
      const parameters = { ...(challenge.challenge.parameters as object), cost: 1 };
      expect(
        (
          await botCheck.verify(
            encodeBotProof({ challenge: { ...challenge.challenge, parameters } }, solution),
          )
        ).verified,
      ).toBe(false);
      const other = await botCheck.createChallenge();
      expect((await botCheck.verify(encodeBotProof(other, solution))).verified).toBe(false);
    });

    it("rejects garbage without throwing", async () => {
      const { botCheck } = await create(new ManualClock());
      for (const junk of [
        "",
        "x",
        btoa("{}"),
        btoa("null"),
        btoa('{"challenge":1,"solution":2}'),
        "A".repeat(100_000),
      ]) {
        expect((await botCheck.verify(junk)).verified).toBe(false);
      }
    });

    it("rejects a proof after its challenge expired", async () => {
      const clock = new ManualClock();
      const { botCheck, solve } = await create(clock);
      const proof = await solve(await botCheck.createChallenge());
      clock.advance(24 * 3_600_000);
      expect((await botCheck.verify(proof)).verified).toBe(false);
    });
  });
}
