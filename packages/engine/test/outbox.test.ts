import type { DeliveryChannel } from "@sspr/core";
import { describe, expect, it } from "vitest";
import type { Delivery, OutboundMessage } from "../src/adapters/delivery.js";
import { createAltchaBotCheck } from "../src/bot/altcha-bot-check.js";
import { createKeyring, generateSecretKey } from "../src/crypto/keyring.js";
import { createArgon2Hasher } from "../src/hashers/argon2-hasher.js";
import { systemClock } from "../src/memory/clocks.js";
import { MemoryDirectory } from "../src/memory/memory-directory.js";
import { MemoryStore } from "../src/memory/memory-store.js";
import { createSsprService } from "../src/service/create-service.js";
import type { OutboxWorkerOptions } from "../src/service/outbox.js";
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

/** Sends that take their time, each one recorded (a second send of an id too). */
class SlowDelivery implements Delivery {
  readonly channels = ["email", "sms", "voice"] as const;
  readonly sent: OutboundMessage[] = [];
  /** Sends to this address never end until released. */
  hungFor: string | null = null;
  #release: (() => void)[] = [];

  constructor(readonly delayMs: number) {}

  async send(message: OutboundMessage) {
    if (message.to === this.hungFor) await new Promise<void>((r) => this.#release.push(r));
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.sent.push(message);
  }

  release() {
    for (const release of this.#release) release();
  }
}

/** Engines on one store, as instances on one database, each with its own worker and delivery. */
async function instancesOnOneStore(count: number, outbox: OutboxWorkerOptions, delayMs: number) {
  const store = new MemoryStore();
  const hasher = createArgon2Hasher();
  const secrets = {
    hmacKeys: [{ id: "h1", key: generateSecretKey() }],
    encryptionKeys: [{ id: "e1", key: generateSecretKey() }],
  };
  const instances = await Promise.all(
    Array.from({ length: count }, async () => {
      const delivery = new SlowDelivery(delayMs);
      const service = await createSsprService({
        store,
        directory: new MemoryDirectory({ hasher }),
        delivery,
        hasher,
        botCheck: createAltchaBotCheck({ hmacKey: generateSecretKey(), cost: 10 }),
        secrets,
        clock: systemClock,
        outbox,
      });
      return { service, delivery };
    }),
  );
  const keyring = await createKeyring(secrets);
  return {
    store,
    instances,
    async queue(id: string, channel: DeliveryChannel, to: string) {
      const payload = await keyring.encrypt(JSON.stringify({ to, subject: "Code", text: id }));
      await store.enqueue({ id, channel, payload, createdAt: Date.now() });
    },
    /** Waits until the outbox has no message pending but those in `except`. */
    async untilSent(except: string[] = []) {
      for (let i = 0; i < 200; i++) {
        const pending = (await store.listOutbox()).filter((m) => m.state === "pending");
        if (pending.every((m) => except.includes(m.id))) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error("The outbox was not drained");
    },
  };
}

describe("the outbox worker under load", () => {
  it("sends each message once with two instances whose sends outlast a batch's lease", async () => {
    const { instances, queue, untilSent } = await instancesOnOneStore(
      2,
      { leaseMs: 150, concurrency: 1 },
      15,
    );
    for (let i = 0; i < 30; i++) await queue(`m${i}`, "email", `user${i}@example.org`);
    for (const { service } of instances) service.outbox.start(5);
    await untilSent();
    await Promise.all(instances.map(({ service }) => service.outbox.stop()));
    const ids = instances.flatMap(({ delivery }) => delivery.sent.map((m) => m.id));
    expect(ids.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`).sort());
  });

  it("goes on sending other email, texts and calls while one SMTP session hangs", async () => {
    const { instances, queue, untilSent } = await instancesOnOneStore(1, {}, 0);
    const [{ service, delivery }] = instances as [(typeof instances)[number]];
    delivery.hungFor = "hung@example.org";
    await queue("hung", "email", "hung@example.org");
    for (let i = 0; i < 3; i++) {
      await queue(`mail${i}`, "email", `user${i}@example.org`);
      await queue(`text${i}`, "sms", `+3161234567${i}`);
    }
    await queue("call", "voice", "+31612345670");
    service.outbox.start(5);
    await untilSent(["hung"]);
    expect(delivery.sent.map((m) => m.id).sort()).toEqual(
      ["call", "mail0", "mail1", "mail2", "text0", "text1", "text2"].sort(),
    );
    delivery.release();
    await untilSent();
    await service.outbox.stop();
    expect(delivery.sent.map((m) => m.id)).toContain("hung");
  });
});
