import { describe, expect, it } from "vitest";
import { createTestEngine, withRegisteredAnna } from "./fixtures.js";

describe("the outbox", () => {
  it("keeps API calls off the delivery path: a failing transport does not fail a reset", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    await engine.service.outbox.runOnce();
    engine.delivery.failNext(100);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    const chosen = await api.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods[0]?.id ?? "",
      contact: "anna.private@example.org",
    });
    expect(chosen.step).toBe("enter-code");
    expect((await engine.store.listOutbox()).filter((m) => m.state === "pending")).toHaveLength(1);
  });

  it("retries with growing delays and delivers once the transport recovers", async () => {
    const engine = await createTestEngine();
    await engine.as("carl").addContactMethod({ kind: "email", value: "carl@example.org" });
    engine.delivery.failNext(2);
    expect(await engine.service.outbox.runOnce()).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect(await engine.service.outbox.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    engine.clock.advance(5_000);
    expect(await engine.service.outbox.runOnce()).toEqual({ sent: 0, retried: 1, dead: 0 });
    engine.clock.advance(5_000);
    expect(await engine.service.outbox.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    engine.clock.advance(5_000);
    expect(await engine.service.outbox.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(engine.delivery.sent.map((m) => m.to)).toEqual(["carl@example.org"]);
    const [message] = await engine.store.listOutbox();
    expect(message).toMatchObject({ state: "sent", attempts: 3, payload: "" });
  });

  it("dead-letters a message after the last attempt and keeps the reason", async () => {
    const engine = await createTestEngine({ outbox: { maxAttempts: 3, backoffMs: 1_000 } });
    await engine.as("carl").addContactMethod({ kind: "email", value: "carl@example.org" });
    engine.delivery.failNext(10);
    for (let i = 0; i < 3; i++) {
      await engine.service.outbox.runOnce();
      engine.clock.advance(10_000);
    }
    const [message] = await engine.store.listOutbox();
    expect(message?.state).toBe("dead");
    expect(message?.lastError).toBeTruthy();
    expect(message?.payload).toBe("");
  });

  it("drains on an interval until stopped", async () => {
    const engine = await createTestEngine();
    await engine.as("carl").addContactMethod({ kind: "email", value: "carl@example.org" });
    engine.service.outbox.start(5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await engine.service.outbox.stop();
    expect(engine.delivery.sent).toHaveLength(1);
  });
});
