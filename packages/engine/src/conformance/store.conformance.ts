import { defaultPolicy } from "@sspr/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FlowRecord, MethodRecord, SsprStore } from "../adapters/store.js";
import { describeCountersConformance } from "./counters.conformance.js";

const T0 = Date.UTC(2026, 0, 1);

const method = (overrides: Partial<MethodRecord> = {}): MethodRecord => ({
  id: "m1",
  userId: "u1",
  kind: "email",
  contact: "u1@example.org",
  secret: null,
  answers: [],
  lastStep: 0,
  createdAt: T0,
  ...overrides,
});

const flow = (overrides: Partial<FlowRecord> = {}): FlowRecord => ({
  id: "f1",
  kind: "reset",
  subject: "u1",
  data: { step: "start", nested: { list: [1, "two", null, true] } },
  version: 1,
  expiresAt: T0 + 60_000,
  ...overrides,
});

const twenty = <T>(make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: 20 }, (_, i) => make(i)));
const count = (results: boolean[]) => results.filter(Boolean).length;

/**
 * The behaviour every `SsprStore` must have, as vitest tests: call it from the test file of an
 * implementation with a factory that returns a fresh, empty store.
 *
 * @example
 * describeStoreConformance("SQLite store", async () => ({ store: await openSqliteStore(tmpFile()), close }));
 */
export function describeStoreConformance(
  name: string,
  create: () => Promise<{ store: SsprStore; close?: () => Promise<void> }>,
): void {
  // A store is the engine's default counters, so it must count as any Counters does.
  describeCountersConformance(name, async () => {
    const { store, close } = await create();
    return { counters: store, close };
  });

  describe(`${name} (store conformance)`, () => {
    let store: SsprStore;
    let close: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, close } = await create());
    });
    afterEach(async () => {
      await close?.();
    });

    describe("policy", () => {
      it("is null until saved, then saved with compare-and-set on its version", async () => {
        expect(await store.getPolicy()).toBeNull();
        expect(await store.savePolicy(defaultPolicy, 1)).toBe(false);
        expect(await store.savePolicy(defaultPolicy, 0)).toBe(true);
        const changed = { ...defaultPolicy, methodsRequired: 2 as const };
        expect(await store.savePolicy(changed, 0)).toBe(false);
        expect(await store.savePolicy(changed, 1)).toBe(true);
        expect(await store.getPolicy()).toEqual({ policy: changed, version: 2 });
      });

      it("lets one of 20 concurrent saves at the same version win", async () => {
        expect(count(await twenty(() => store.savePolicy(defaultPolicy, 0)))).toBe(1);
      });
    });

    describe("methods", () => {
      it("lists a user's methods oldest first and nobody else's", async () => {
        await store.insertMethod(method());
        await store.insertMethod(
          method({
            id: "m2",
            kind: "questions",
            contact: null,
            answers: [{ questionId: "q", hash: "$h" }],
            createdAt: T0 + 1,
          }),
        );
        await store.insertMethod(method({ id: "m3", userId: "u2" }));
        expect((await store.listMethods("u1")).map((m) => m.id)).toEqual(["m1", "m2"]);
        expect((await store.listMethods("u1"))[1]?.answers).toEqual([
          { questionId: "q", hash: "$h" },
        ]);
        expect(await store.listMethods("nobody")).toEqual([]);
      });

      it("deletes only the owner's method", async () => {
        await store.insertMethod(method());
        expect(await store.deleteMethod("u2", "m1")).toBe(false);
        expect(await store.deleteMethod("u1", "m1")).toBe(true);
        expect(await store.deleteMethod("u1", "m1")).toBe(false);
        expect(await store.listMethods("u1")).toEqual([]);
      });

      it("advances a TOTP step only forward, once under 20 concurrent tries", async () => {
        await store.insertMethod(method({ kind: "app", contact: null, secret: "sealed" }));
        expect(count(await twenty(() => store.advanceMethodStep("u1", "m1", 100)))).toBe(1);
        expect(await store.advanceMethodStep("u1", "m1", 100)).toBe(false);
        expect(await store.advanceMethodStep("u1", "m1", 99)).toBe(false);
        expect(await store.advanceMethodStep("u1", "m1", 101)).toBe(true);
        expect(await store.advanceMethodStep("u1", "missing", 200)).toBe(false);
        expect((await store.listMethods("u1"))[0]?.lastStep).toBe(101);
      });

      it("keeps when a user last confirmed", async () => {
        expect(await store.getConfirmedAt("u1")).toBeNull();
        await store.setConfirmedAt("u1", T0);
        await store.setConfirmedAt("u1", T0 + 5);
        expect(await store.getConfirmedAt("u1")).toBe(T0 + 5);
      });
    });

    describe("flows", () => {
      it("stores JSON state and returns copies", async () => {
        await store.createFlow(flow());
        const loaded = await store.getFlow("f1");
        expect(loaded).toEqual(flow());
        if (loaded) loaded.data.step = "mutated";
        expect((await store.getFlow("f1"))?.data.step).toBe("start");
        expect(await store.getFlow("missing")).toBeNull();
      });

      it("updates only from the version before (compare-and-set)", async () => {
        await store.createFlow(flow());
        expect(await store.updateFlow(flow({ version: 3, data: { step: "late" } }))).toBe(false);
        expect(await store.updateFlow(flow({ version: 2, data: { step: "next" } }))).toBe(true);
        expect(await store.updateFlow(flow({ version: 2, data: { step: "again" } }))).toBe(false);
        expect((await store.getFlow("f1"))?.data).toEqual({ step: "next" });
        expect(await store.updateFlow(flow({ id: "missing", version: 2 }))).toBe(false);
      });

      it("lets one of 20 concurrent updates of one version win", async () => {
        await store.createFlow(flow());
        const results = await twenty((i) =>
          store.updateFlow(flow({ version: 2, data: { winner: i } })),
        );
        expect(count(results)).toBe(1);
        expect((await store.getFlow("f1"))?.data.winner).toBe(results.indexOf(true));
      });

      it("are purged with counters and claims once expired, and only then", async () => {
        await store.createFlow(flow({ id: "old", expiresAt: T0 }));
        await store.createFlow(flow({ id: "live", expiresAt: T0 + 10 }));
        await store.incrementCounter("ended", 5, T0 - 5);
        await store.incrementCounter("running", 1000, T0);
        await store.claimOnce("spent", T0 - 1, T0 - 2);
        await store.claimOnce("held", T0 + 10, T0);
        expect(await store.purgeExpired(T0 + 5)).toBe(3);
        expect(await store.getFlow("old")).toBeNull();
        expect(await store.getFlow("live")).not.toBeNull();
        expect(await store.readCounter("running", T0 + 5)).toBe(1);
        expect(await store.claimOnce("held", T0 + 10, T0 + 5)).toBe(false);
      });
    });

    describe("claims", () => {
      it("claim a key once until it expires, once under 20 concurrent claims", async () => {
        expect(count(await twenty(() => store.claimOnce("proof", T0 + 100, T0)))).toBe(1);
        expect(await store.claimOnce("proof", T0 + 100, T0 + 99)).toBe(false);
        expect(await store.claimOnce("proof", T0 + 300, T0 + 100)).toBe(true);
        expect(await store.claimOnce("other", T0 + 100, T0)).toBe(true);
      });
    });

    describe("outbox", () => {
      const message = (id: string, createdAt = T0) => ({
        id,
        channel: "email" as const,
        payload: `sealed-${id}`,
        createdAt,
      });

      it("keeps one message per id", async () => {
        await store.enqueue(message("a"));
        await store.enqueue({ ...message("a"), payload: "other" });
        const all = await store.listOutbox();
        expect(all).toHaveLength(1);
        expect(all[0]).toMatchObject({
          id: "a",
          payload: "sealed-a",
          state: "pending",
          attempts: 0,
          lastError: null,
        });
      });

      it("leases due messages oldest first, adds an attempt, and never hands one to two workers", async () => {
        for (let i = 0; i < 6; i++) await store.enqueue(message(`m${i}`, T0 + i));
        const [one, two] = await Promise.all([
          store.claimDue(T0 + 10, 3, 1000),
          store.claimDue(T0 + 10, 3, 1000),
        ]);
        const ids = [...one, ...two].map((m) => m.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(["m0", "m1", "m2", "m3", "m4", "m5"]);
        expect([...one, ...two].every((m) => m.attempts === 1)).toBe(true);
        expect(await store.claimDue(T0 + 10, 10, 1000)).toEqual([]);
        expect((await store.claimDue(T0 + 1010, 10, 1000)).length).toBe(6);
      });

      it("does not hand out messages before they are due", async () => {
        await store.enqueue(message("later", T0 + 500));
        expect(await store.claimDue(T0, 10, 1000)).toEqual([]);
        expect((await store.claimDue(T0 + 500, 10, 1000)).map((m) => m.id)).toEqual(["later"]);
      });

      it("settles: sent and dead lose their payload, pending waits for its retry", async () => {
        for (const id of ["s", "r", "d"]) await store.enqueue(message(id));
        await store.claimDue(T0, 10, 1000);
        expect(await store.settle({ id: "s", attempts: 1 }, { state: "sent" })).toBe(true);
        await store.settle(
          { id: "r", attempts: 1 },
          { state: "pending", nextAttemptAt: T0 + 5000, error: "timeout" },
        );
        await store.settle({ id: "d", attempts: 1 }, { state: "dead", error: "rejected" });
        const byId = Object.fromEntries((await store.listOutbox()).map((m) => [m.id, m]));
        expect(byId.s).toMatchObject({ state: "sent", payload: "" });
        expect(byId.r).toMatchObject({
          state: "pending",
          payload: "sealed-r",
          nextAttemptAt: T0 + 5000,
          lastError: "timeout",
        });
        expect(byId.d).toMatchObject({ state: "dead", payload: "", lastError: "rejected" });
        expect(await store.claimDue(T0 + 4999, 10, 1000)).toEqual([]);
        expect((await store.claimDue(T0 + 5000, 10, 1000)).map((m) => m.attempts)).toEqual([2]);
      });

      it("settles only under the attempt's own lease: a worker whose lease ran out changes nothing", async () => {
        await store.enqueue(message("m"));
        const [first] = await store.claimDue(T0, 1, 1000);
        // The first worker's lease runs out; a second takes the message.
        const [second] = await store.claimDue(T0 + 1000, 1, 1000);
        expect([first?.attempts, second?.attempts]).toEqual([1, 2]);
        expect(
          await store.settle(
            { id: "m", attempts: 1 },
            { state: "pending", nextAttemptAt: T0, error: "late failure" },
          ),
        ).toBe(false);
        expect(await store.claimDue(T0 + 1500, 1, 1000)).toEqual([]);
        expect(await store.settle({ id: "m", attempts: 2 }, { state: "sent" })).toBe(true);
        expect(await store.settle({ id: "m", attempts: 2 }, { state: "sent" })).toBe(false);
        expect((await store.listOutbox())[0]).toMatchObject({ state: "sent", lastError: null });
      });

      it("takes the messages of one channel when asked, and counts what waits", async () => {
        await store.enqueue(message("mail", T0));
        await store.enqueue({ ...message("text", T0 + 1), channel: "sms" });
        await store.enqueue({ ...message("call", T0 + 2), channel: "voice" });
        expect(await store.outboxBacklog()).toEqual({ pending: 3, oldestCreatedAt: T0 });
        expect((await store.claimDue(T0 + 10, 10, 1000, "sms")).map((m) => m.id)).toEqual(["text"]);
        await store.settle({ id: "text", attempts: 1 }, { state: "sent" });
        expect((await store.claimDue(T0 + 10, 10, 1000, "email")).map((m) => m.id)).toEqual([
          "mail",
        ]);
        expect(await store.outboxBacklog()).toEqual({ pending: 2, oldestCreatedAt: T0 });
      });
    });

    describe("audit", () => {
      it("filters by subject, type and time, newest first, with a limit", async () => {
        const event = (id: string, at: number, type: string, subject: string | null) => ({
          id,
          at,
          type,
          subject,
          actor: null,
          outcome: "success" as const,
          detail: { n: at - T0, ok: true, none: null, s: "x" },
        });
        await store.appendAudit(event("e1", T0, "reset.started", "u1"));
        await store.appendAudit(event("e2", T0 + 1, "reset.completed", "u1"));
        await store.appendAudit(event("e3", T0 + 2, "reset.started", "u2"));
        await store.appendAudit(event("e4", T0 + 3, "policy.saved", null));
        expect((await store.listAudit({})).map((e) => e.id)).toEqual(["e4", "e3", "e2", "e1"]);
        expect((await store.listAudit({ subject: "u1" })).map((e) => e.id)).toEqual(["e2", "e1"]);
        expect((await store.listAudit({ type: "reset.started" })).map((e) => e.id)).toEqual([
          "e3",
          "e1",
        ]);
        expect((await store.listAudit({ from: T0 + 1, to: T0 + 2 })).map((e) => e.id)).toEqual([
          "e3",
          "e2",
        ]);
        expect((await store.listAudit({ limit: 1 })).map((e) => e.id)).toEqual(["e4"]);
        expect((await store.listAudit({ subject: "u1" }))[0]?.detail).toEqual({
          n: 1,
          ok: true,
          none: null,
          s: "x",
        });
      });

      it("filters by actor and by type prefix, and pages with an offset", async () => {
        const event = (id: string, type: string, actor: string | null) => ({
          id,
          at: T0,
          type,
          actor,
          subject: "u1",
          outcome: "success" as const,
          detail: {},
        });
        await store.appendAudit(event("a1", "admin.password-reset", "boss"));
        await store.appendAudit(event("a2", "reset.completed", "u1"));
        await store.appendAudit(event("a3", "admin.force-change", "boss"));
        await store.appendAudit(event("a4", "administrator.other", "boss"));
        const ids = async (filter: Parameters<SsprStore["listAudit"]>[0]) =>
          (await store.listAudit(filter)).map((e) => e.id);
        expect(await ids({ actor: "boss" })).toEqual(["a4", "a3", "a1"]);
        expect(await ids({ type: "admin." })).toEqual(["a3", "a1"]);
        expect(await ids({ type: "admin" })).toEqual([]);
        expect(await ids({ actor: "boss", offset: 1, limit: 1 })).toEqual(["a3"]);
        expect(await ids({ offset: 3 })).toEqual(["a1"]);
      });
    });

    describe("never-expiring passwords", () => {
      it("records the exception per user and lists it for the users asked about", async () => {
        expect(await store.listNeverExpires(["u1", "u2"])).toEqual([]);
        await store.setNeverExpires("u1", true);
        await store.setNeverExpires("u2", true);
        await store.setNeverExpires("u2", true);
        expect((await store.listNeverExpires(["u1", "u2", "u3"])).sort()).toEqual(["u1", "u2"]);
        expect(await store.listNeverExpires(["u3"])).toEqual([]);
        expect(await store.listNeverExpires([])).toEqual([]);
        await store.setNeverExpires("u1", false);
        expect(await store.listNeverExpires(["u1", "u2"])).toEqual(["u2"]);
      });
    });
  });
}
