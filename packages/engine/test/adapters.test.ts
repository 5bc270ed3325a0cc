import { describe, expect, it } from "vitest";
import { createAltchaBotCheck } from "../src/bot/altcha-bot-check.js";
import { solveBotChallenge } from "../src/bot/solve-bot-challenge.js";
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
