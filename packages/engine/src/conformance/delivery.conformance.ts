import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Delivery, OutboundMessage } from "../adapters/delivery.js";

const recipients = {
  email: "anna@example.org",
  sms: "+31612345678",
  voice: "+31612345678",
} as const;

/**
 * The behaviour every `Delivery` must have, as vitest tests, for a factory that returns the
 * adapter and a way to read what its far end received.
 */
export function describeDeliveryConformance(
  name: string,
  create: () => Promise<{
    delivery: Delivery;
    received: () => Promise<OutboundMessage[]>;
    close?: () => Promise<void>;
  }>,
): void {
  describe(`${name} (delivery conformance)`, () => {
    let delivery: Delivery;
    let received: () => Promise<OutboundMessage[]>;
    let close: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ delivery, received, close } = await create());
    });
    afterEach(async () => {
      await close?.();
    });

    it("carries subject and text intact on every channel it claims, Unicode included", async () => {
      for (const channel of delivery.channels) {
        await delivery.send({
          id: `id-${channel}`,
          channel,
          to: recipients[channel],
          subject: "Uw code",
          text: "Uw code is 12345678 \u2014 \u00e9\u00e9n",
        });
      }
      const got = await received();
      for (const channel of delivery.channels) {
        expect(got.find((m) => m.id === `id-${channel}`)).toMatchObject({
          to: recipients[channel],
          text: "Uw code is 12345678 \u2014 \u00e9\u00e9n",
        });
      }
    });

    it("delivers every one of several messages", async () => {
      const [channel = "email"] = delivery.channels;
      for (let i = 0; i < 5; i++)
        await delivery.send({
          id: `m${i}`,
          channel,
          to: recipients[channel],
          subject: `s${i}`,
          text: `t${i}`,
        });
      expect((await received()).map((m) => m.id).sort()).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    });
  });
}
