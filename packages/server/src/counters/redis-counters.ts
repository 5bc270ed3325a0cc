import type { Counters } from "@sspr/engine";
import type { Redis } from "ioredis";

// One atomic step in Redis: a missing or ended window starts again at 1, else the count goes
// up. Windows run on the engine's clock (`now`), as the store's do, so every instance and the
// conformance suite agree; the key's TTL only tidies up after the window.
const increment = `
local reset_at = tonumber(redis.call('HGET', KEYS[1], 'reset_at'))
local now = tonumber(ARGV[1])
if (not reset_at) or reset_at <= now then
  redis.call('HSET', KEYS[1], 'count', 1, 'reset_at', now + tonumber(ARGV[2]))
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + 60000)
  return 1
end
return redis.call('HINCRBY', KEYS[1], 'count', 1)
`;

// Takes one back only within the window and above 0, in one atomic step.
const decrement = `
local reset_at = tonumber(redis.call('HGET', KEYS[1], 'reset_at'))
if reset_at and reset_at > tonumber(ARGV[1]) and tonumber(redis.call('HGET', KEYS[1], 'count')) > 0 then
  redis.call('HINCRBY', KEYS[1], 'count', -1)
end
return 0
`;

/**
 * The throttles' counters in Redis, shared by every instance of `sspr serve` and off the
 * database's write path. A Lua script keeps each increment one atomic step.
 */
export class RedisCounters implements Counters {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, options: { prefix: string }) {
    this.#redis = redis;
    this.#prefix = options.prefix;
  }

  async incrementCounter(key: string, windowMs: number, now: number): Promise<number> {
    return Number(await this.#redis.eval(increment, 1, this.#prefix + key, now, windowMs));
  }

  async decrementCounter(key: string, now: number): Promise<void> {
    await this.#redis.eval(decrement, 1, this.#prefix + key, now);
  }

  async readCounter(key: string, now: number): Promise<number> {
    const [count, resetAt] = await this.#redis.hmget(this.#prefix + key, "count", "reset_at");
    return resetAt !== null && Number(resetAt) > now ? Number(count) : 0;
  }

  async counterResetAt(key: string, now: number): Promise<number | null> {
    const resetAt = await this.#redis.hget(this.#prefix + key, "reset_at");
    return resetAt !== null && Number(resetAt) > now ? Number(resetAt) : null;
  }
}
