import { solveBotChallenge } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { createTestEngine, problemOf } from "./fixtures.js";

describe("the bot check before a reset", () => {
  it("is required, and a proof works once", async () => {
    const engine = await createTestEngine();
    const api = engine.anonymous();
    expect(await problemOf(api.startReset({ identifier: "anna", botProof: "not a proof" }))).toBe(
      "bot-check-failed",
    );
    const botProof = await solveBotChallenge(await api.getBotChallenge());
    expect((await api.startReset({ identifier: "anna", botProof })).step).toBe("choose-method");
    expect(await problemOf(api.startReset({ identifier: "anna", botProof }))).toBe(
      "bot-check-failed",
    );
  });

  it("expires with its challenge", async () => {
    const engine = await createTestEngine();
    const api = engine.anonymous();
    const botProof = await solveBotChallenge(await api.getBotChallenge());
    engine.clock.advance(11 * 60_000);
    expect(await problemOf(api.startReset({ identifier: "anna", botProof }))).toBe(
      "bot-check-failed",
    );
  });
});
