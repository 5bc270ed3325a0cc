import { randomBytes } from "node:crypto";
import { describeCountersConformance } from "@sspr/engine/conformance";
import { Redis } from "ioredis";
import { describe } from "vitest";
import { RedisCounters } from "../src/index.js";
import { redisAvailable, redisUrl } from "./services.js";

describe.runIf(await redisAvailable())("on Redis", () => {
  describeCountersConformance("Redis counters", async () => {
    const redis = new Redis(redisUrl);
    // Each test counts under keys of its own.
    const prefix = `sspr-test:${randomBytes(6).toString("hex")}:`;
    return {
      counters: new RedisCounters(redis, { prefix }),
      close: async () => {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      },
    };
  });
});
