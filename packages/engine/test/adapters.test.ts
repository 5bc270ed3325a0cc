import { solveBotChallenge } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { createAltchaBotCheck } from "../src/bot/altcha-bot-check.js";
import {
  describeBotCheckConformance,
  describeHasherConformance,
} from "../src/conformance/index.js";
import { generateSecretKey } from "../src/crypto/keyring.js";
import { createArgon2Hasher } from "../src/hashers/argon2-hasher.js";

describeBotCheckConformance("ALTCHA proof of work", async (clock) => ({
  botCheck: createAltchaBotCheck({ hmacKey: generateSecretKey(), clock, cost: 10 }),
  solve: solveBotChallenge,
}));

describeHasherConformance("argon2id", () => createArgon2Hasher());

describe("the argon2id hasher", () => {
  it("uses OWASP's minimum parameters by default", async () => {
    expect(await createArgon2Hasher().hash("x")).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("hashing off the event loop", () => {
  it("lets timers run while argon2id hashes on worker threads", async () => {
    const hasher = createArgon2Hasher();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 1);
    await Promise.all(Array.from({ length: 8 }, (_, n) => hasher.hash(`secret ${n}`)));
    clearInterval(timer);
    // A hash computed on the event loop would finish before any timer could fire.
    expect(ticks).toBeGreaterThan(0);
  });
});
