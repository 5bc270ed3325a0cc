import { solveBotChallenge } from "@sspr/core";
import { bench, describe } from "vitest";
import { createArgon2Hasher } from "../src/hashers/argon2-hasher.js";
import { createTestEngine, withRegisteredAnna } from "../test/fixtures.js";

const hasher = createArgon2Hasher();
const engine = await createTestEngine({
  responseFloorMs: 0,
  limits: { startsPerAddressPerMinute: 1e9, sendsPerMethodPerHour: 1e9 },
});
await withRegisteredAnna(engine);
const api = engine.anonymous();
const proof = async () => solveBotChallenge(await api.getBotChallenge());

describe("password hashing", () => {
  bench("argon2id hash (m=19456, t=2, p=1)", async () => {
    await hasher.hash("correct horse battery staple");
  });
});

describe("reset operations (memory store, no response floor)", () => {
  bench("startReset for a real user (solving the bot proof included)", async () => {
    await api.startReset({ identifier: "anna", botProof: await proof() });
  });
  bench("startReset for an unknown user (solving the bot proof included)", async () => {
    await api.startReset({ identifier: "nobody@contoso.com", botProof: await proof() });
  });
});
