import { describe, expect, it } from "vitest";
import {
  createTestEngine,
  NEW_PASSWORD,
  oldPassword,
  problemOf,
  withRegisteredAnna,
} from "./fixtures.js";

describe("throttles", () => {
  it("block the reset function for 24 hours after five failed verifications in an hour, never the account", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    for (let round = 0; round < 5; round++) {
      const flow = await engine.startReset("anna", engine.anonymous(`203.0.113.${round}`));
      await api.chooseMethod({
        flowId: flow.flowId,
        methodId: flow.methods[0]?.id ?? "",
        contact: "anna.private@example.org",
      });
      await problemOf(api.verifyCode({ flowId: flow.flowId, code: "00000001" }));
    }
    expect(await problemOf(engine.startReset("anna", engine.anonymous("203.0.113.9")))).toBe(
      "throttled",
    );
    expect(await engine.directory.verifyPassword("anna", oldPassword("anna"))).toBe(true);
    expect((await engine.directory.getUser("anna"))?.locked).toBe(false);
    engine.clock.advance(23 * 3_600_000);
    expect(await problemOf(engine.startReset("anna", engine.anonymous("203.0.113.10")))).toBe(
      "throttled",
    );
    engine.clock.advance(3_600_000);
    const flow = await engine.startReset("anna", engine.anonymous("203.0.113.11"));
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods[0]?.id ?? "",
      contact: "anna.private@example.org",
    });
    await api.verifyCode({
      flowId: flow.flowId,
      code: await engine.codeSentTo("anna.private@example.org"),
    });
    expect((await api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD })).step).toBe(
      "done",
    );
  });

  it("block an unknown identifier the same way, so blocking tells nothing", async () => {
    const engine = await createTestEngine();
    const api = engine.anonymous();
    for (let round = 0; round < 5; round++) {
      const flow = await engine.startReset("nobody", engine.anonymous(`203.0.113.${round}`));
      const m = flow.methods[0];
      await api.chooseMethod({
        flowId: flow.flowId,
        methodId: m?.id ?? "",
        contact: m?.kind === "email" ? "n@example.org" : "+31612345678",
      });
      await problemOf(api.verifyCode({ flowId: flow.flowId, code: "00000001" }));
    }
    expect(await problemOf(engine.startReset("nobody", engine.anonymous("203.0.113.9")))).toBe(
      "throttled",
    );
  });

  it("limit codes sent to one method to five an hour", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    const methodId = flow.methods[0]?.id ?? "";
    await api.chooseMethod({ flowId: flow.flowId, methodId, contact: "anna.private@example.org" });
    for (let i = 0; i < 4; i++) {
      engine.clock.advance(30_000);
      await api.resendCode({ flowId: flow.flowId });
    }
    engine.clock.advance(30_000);
    expect(await problemOf(api.resendCode({ flowId: flow.flowId }))).toBe("throttled");
    engine.clock.advance(3_600_000);
    const again = await engine.startReset("anna", api);
    expect(
      (
        await api.chooseMethod({
          flowId: again.flowId,
          methodId: again.methods[0]?.id ?? "",
          contact: "anna.private@example.org",
        })
      ).step,
    ).toBe("enter-code");
  });

  it("limit flows started from one address to ten a minute", async () => {
    const engine = await createTestEngine();
    const api = engine.anonymous("192.0.2.50");
    for (let i = 0; i < 10; i++) await engine.startReset(`user${i}`, api);
    expect(await problemOf(engine.startReset("user11", api))).toBe("throttled");
    expect((await engine.startReset("user11", engine.anonymous("192.0.2.51"))).step).toBe(
      "choose-method",
    );
    engine.clock.advance(60_000);
    expect((await engine.startReset("user12", api)).step).toBe("choose-method");
  });
});
