import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Counters } from "../adapters/counters.js";

const T0 = Date.UTC(2026, 0, 1);

/**
 * The behaviour every `Counters` must have (a store, or Redis), as vitest tests, for a factory
 * that returns fresh counters.
 */
export function describeCountersConformance(
  name: string,
  create: () => Promise<{ counters: Counters; close?: (() => Promise<void>) | undefined }>,
): void {
  describe(`${name} (counters conformance)`, () => {
    let counters: Counters;
    let close: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ counters, close } = await create());
    });
    afterEach(async () => {
      await close?.();
    });

    it("count in fixed windows that start with the first count", async () => {
      expect(await counters.readCounter("k", T0)).toBe(0);
      expect(await counters.incrementCounter("k", 1000, T0)).toBe(1);
      expect(await counters.incrementCounter("k", 1000, T0 + 999)).toBe(2);
      expect(await counters.readCounter("k", T0 + 999)).toBe(2);
      expect(await counters.readCounter("k", T0 + 1000)).toBe(0);
      expect(await counters.incrementCounter("k", 1000, T0 + 1000)).toBe(1);
      expect(await counters.incrementCounter("k", 1000, T0 + 1999)).toBe(2);
      expect(await counters.readCounter("other", T0)).toBe(0);
    });

    it("take one back within the window, never below 0 and never after it ended", async () => {
      await counters.incrementCounter("k", 1000, T0);
      await counters.incrementCounter("k", 1000, T0);
      await counters.decrementCounter("k", T0 + 1);
      expect(await counters.readCounter("k", T0 + 1)).toBe(1);
      await counters.decrementCounter("k", T0 + 2);
      await counters.decrementCounter("k", T0 + 3);
      expect(await counters.readCounter("k", T0 + 3)).toBe(0);
      expect(await counters.incrementCounter("k", 1000, T0 + 4)).toBe(1);
      await counters.decrementCounter("k", T0 + 1000);
      await counters.decrementCounter("missing", T0);
      expect(await counters.readCounter("missing", T0)).toBe(0);
      expect(await counters.incrementCounter("k", 1000, T0 + 1000)).toBe(1);
    });

    it("tell when the current window ends, and nothing once it has", async () => {
      expect(await counters.counterResetAt("k", T0)).toBeNull();
      await counters.incrementCounter("k", 1000, T0);
      await counters.incrementCounter("k", 1000, T0 + 400);
      expect(await counters.counterResetAt("k", T0 + 400)).toBe(T0 + 1000);
      expect(await counters.counterResetAt("k", T0 + 1000)).toBeNull();
      await counters.incrementCounter("k", 1000, T0 + 1500);
      expect(await counters.counterResetAt("k", T0 + 1500)).toBe(T0 + 2500);
    });

    it("take back 10 of 20 concurrent increments, each once", async () => {
      await Promise.all(
        Array.from({ length: 20 }, () => counters.incrementCounter("k", 60_000, T0)),
      );
      await Promise.all(Array.from({ length: 10 }, () => counters.decrementCounter("k", T0)));
      expect(await counters.readCounter("k", T0)).toBe(10);
    });

    it("count 20 concurrent increments 1 to 20, each once", async () => {
      const counts = await Promise.all(
        Array.from({ length: 20 }, () => counters.incrementCounter("k", 60_000, T0)),
      );
      expect([...counts].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    });
  });
}
