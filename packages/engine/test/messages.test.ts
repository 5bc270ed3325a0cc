import { defaultPolicy, solveBotChallenge } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { ANNA_EMAIL, createTestEngine, withRegisteredAnna } from "./fixtures.js";

describe("messages", () => {
  it("say 1 minute, not 1 minutes, in both languages", async () => {
    const engine = await createTestEngine({
      policy: { codes: { ...defaultPolicy.codes, lifetimeMinutes: 1 } },
    });
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    for (const locale of ["en", "nl"] as const) {
      const flow = await api.startReset({
        identifier: "anna",
        botProof: await solveBotChallenge(await api.getBotChallenge()),
        locale,
      });
      await api.chooseMethod({
        flowId: flow.flowId,
        methodId: flow.methods[0]?.id ?? "",
        contact: ANNA_EMAIL,
      });
    }
    // Senders run side by side, so the two codes may arrive in either order.
    const texts = async () => {
      await engine.service.outbox.runOnce();
      return engine.delivery.sent.filter((m) => m.to === ANNA_EMAIL).map((m) => m.text);
    };
    let sent = await texts();
    for (let round = 0; round < 20 && !sent.some((t) => t.includes("1 minuut")); round++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      sent = await texts();
    }
    expect(sent.some((t) => t.includes("It expires in 1 minute."))).toBe(true);
    expect(sent.some((t) => t.includes("De code verloopt over 1 minuut."))).toBe(true);
    expect(sent.some((t) => /1 minutes|1 minuten/.test(t))).toBe(false);
  });

  it("tell the user's other contacts when a method is removed, as when one is added", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.as("anna");
    const phone = (await api.getRegistration()).methods.find((m) => m.kind === "phone");
    await api.removeMethod({ methodId: phone?.id ?? "" });
    await engine.service.outbox.runOnce();
    const notice = engine.delivery.sent.filter((m) => m.to === ANNA_EMAIL).at(-1);
    expect(notice?.subject).toBe("Security info removed from your account");
    expect(notice?.text).toContain("A phone number was removed");
  });
});
