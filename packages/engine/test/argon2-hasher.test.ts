import { describe, expect, it } from "vitest";
import { describeHasherConformance } from "../src/conformance/hasher.conformance.js";
import { createArgon2Hasher } from "../src/hashers/argon2-hasher.js";

describeHasherConformance("argon2id", () => createArgon2Hasher());

describe("the argon2id hasher", () => {
  it("uses OWASP's minimum parameters by default", async () => {
    expect(await createArgon2Hasher().hash("x")).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
  });

  it("takes its parameters from the options, and verifies hashes made under others", async () => {
    const stronger = createArgon2Hasher({ memoryCost: 8_192, timeCost: 3, parallelism: 2 });
    const hash = await stronger.hash("secret");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=8192,t=3,p=2\$/);
    // A hash records its own parameters, so a change of settings does not lock anyone out.
    expect(await createArgon2Hasher().verify(hash, "secret")).toBe(true);
  });

  it("refuses parameters argon2 cannot use", () => {
    for (const options of [
      { memoryCost: 0 },
      { timeCost: 0 },
      { parallelism: 0 },
      { parallelism: 256 },
      { memoryCost: 15, parallelism: 2 },
      { timeCost: 1.5 },
    ]) {
      expect(() => createArgon2Hasher(options)).toThrow(RangeError);
    }
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
