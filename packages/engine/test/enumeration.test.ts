import type { ResetFlow } from "@sspr/core";
import { solveBotChallenge } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { createTestEngine, problemOf, withRegisteredAnna } from "./fixtures.js";

/** The response with every random or time-dependent value replaced by its shape. */
function shape(flow: ResetFlow) {
  return {
    ...flow,
    flowId: flow.flowId.length,
    expiresAt: typeof flow.expiresAt,
    methods: flow.methods.map((m) => ({ ...m, id: m.id.length, hint: m.hint.length })),
  };
}

describe("no user enumeration", () => {
  it("answers unknown, disabled and unregistered users in the same shape as a real one", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    engine.directory.updateUser("dave", { disabled: false });
    await engine.registerContact("dave", "email", "dave@example.org");
    engine.directory.updateUser("dave", { disabled: true });
    const real = await engine.startReset("anna");
    const others = [
      await engine.startReset("nobody@contoso.com"),
      await engine.startReset("dave@contoso.com"),
      await engine.startReset("carl@contoso.com"),
    ];
    const allowedShapes = [1, 2, 3].map((n) => n);
    for (const other of others) {
      expect(Object.keys(other)).toEqual(Object.keys(real));
      expect(other.step).toBe(real.step);
      expect(other.required).toBe(real.required);
      expect(allowedShapes).toContain(other.methods.length);
      for (const method of other.methods) {
        const sameKind = real.methods.find((m) => m.kind === method.kind);
        if (sameKind)
          expect(shape({ ...other, methods: [method] }).methods).toEqual(
            shape({ ...real, methods: [sameKind] }).methods,
          );
      }
      expect(shape(other).flowId).toBe(shape(real).flowId);
    }
  });

  it("shows the same decoy methods for the same identifier every time, and others for another", async () => {
    const engine = await createTestEngine();
    const hints = async (id: string) =>
      (await engine.startReset(id)).methods.map((m) => `${m.kind}:${m.hint}`);
    const first = await hints("nobody@contoso.com");
    expect(await hints("NOBODY@contoso.com")).toEqual(first);
    const many = await Promise.all(
      ["x1", "x2", "x3", "x4", "x5", "x6"].map((id) => hints(`${id}@contoso.com`)),
    );
    expect(new Set(many.map((h) => h.join())).size).toBeGreaterThan(1);
  });

  it("walks an unknown user through choosing and verifying exactly as a real one, sending nothing", async () => {
    const engine = await createTestEngine();
    const api = engine.anonymous();
    const flow = await engine.startReset("nobody@contoso.com", api);
    const email = flow.methods.find((m) => m.kind === "email") ?? flow.methods[0];
    const contact = email?.kind === "email" ? "nobody@example.org" : "+31612345678";
    const chosen = await api.chooseMethod({
      flowId: flow.flowId,
      methodId: email?.id ?? "",
      contact,
    });
    expect(chosen.step).toBe(email?.kind === "app" ? "enter-code" : "enter-code");
    expect(await problemOf(api.verifyCode({ flowId: flow.flowId, code: "12345678" }))).toBe(
      "code-invalid",
    );
    await engine.service.outbox.runOnce();
    expect(engine.delivery.sent).toHaveLength(0);
  });

  it("spends the same padded time on real and unknown users", async () => {
    const engine = await createTestEngine({ responseFloorMs: 300 });
    await withRegisteredAnna(engine);
    const elapsed = async (id: string) => {
      const api = engine.anonymous();
      const botProof = await solveBotChallenge(await api.getBotChallenge());
      const before = engine.clock.now();
      await api.startReset({ identifier: id, botProof });
      return engine.clock.now() - before;
    };
    expect(await elapsed("anna")).toBe(300);
    expect(await elapsed("nobody@contoso.com")).toBe(300);
    expect(await elapsed("dave@contoso.com")).toBe(300);
  });

  it("pads failures too: a wrong code for an unknown user takes the floor", async () => {
    const engine = await createTestEngine({ responseFloorMs: 300 });
    const api = engine.anonymous();
    const flow = await engine.startReset("nobody@contoso.com", api);
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods[0]?.id ?? "",
      contact: flow.methods[0]?.kind === "email" ? "n@example.org" : "+31612345678",
    });
    const before = engine.clock.now();
    await problemOf(api.verifyCode({ flowId: flow.flowId, code: "12345678" }));
    expect(engine.clock.now() - before).toBe(300);
  });
});
