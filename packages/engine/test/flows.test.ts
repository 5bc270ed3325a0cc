import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  annaReadyForPassword,
  createTestEngine,
  NEW_PASSWORD,
  oldPassword,
  problemOf,
  withRegisteredAnna,
} from "./fixtures.js";

describe("reset flows", () => {
  it("saved by the release before, in the shape it knew, answer flow-expired at every step, not a 500", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    // What that release stored: no format, methods without their stable key or record.
    const id = createHash("sha256").update(flow.flowId).digest("base64url");
    const record = await engine.store.getFlow(id);
    if (!record) throw new Error("The flow was not stored");
    const { format: _, methods, ...rest } = record.data as { format: number; methods: object[] };
    const old = methods.map((m) => ({ ...m, key: undefined, recordId: undefined }));
    await engine.store.updateFlow({
      ...record,
      data: JSON.parse(JSON.stringify({ ...rest, methods: old })),
      version: record.version + 1,
    });
    const methodId = flow.methods[0]?.id ?? "";
    expect(await problemOf(api.chooseMethod({ flowId: flow.flowId, methodId }))).toBe(
      "flow-expired",
    );
    expect(await problemOf(api.verifyCode({ flowId: flow.flowId, code: "12345678" }))).toBe(
      "flow-expired",
    );
    expect(
      await problemOf(api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD })),
    ).toBe("flow-expired");
  });

  it("reject a skipped step and change nothing", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    expect(await problemOf(api.verifyCode({ flowId: flow.flowId, code: "12345678" }))).toBe(
      "step-out-of-order",
    );
    expect(
      await problemOf(api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD })),
    ).toBe("step-out-of-order");
    expect(await problemOf(api.resendCode({ flowId: flow.flowId }))).toBe("step-out-of-order");
    expect(await engine.directory.verifyPassword("anna", oldPassword("anna"))).toBe(true);
  });

  it("reject a repeated complete: the password changes once", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaReadyForPassword(engine);
    await api.completeReset({ flowId: flowId, newPassword: NEW_PASSWORD });
    expect(
      await problemOf(
        api.completeReset({ flowId: flowId, newPassword: "another long passphrase here" }),
      ),
    ).toBe("step-out-of-order");
    expect(await engine.directory.verifyPassword("anna", NEW_PASSWORD)).toBe(true);
  });

  it("change the password once under 20 concurrent completes", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaReadyForPassword(engine);
    const passwords = Array.from({ length: 20 }, (_, i) => `${NEW_PASSWORD} number ${i}`);
    const results = await Promise.allSettled(
      passwords.map((newPassword) => api.completeReset({ flowId: flowId, newPassword })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const completed = await engine.store.listAudit({ type: "reset.completed" });
    expect(completed).toHaveLength(1);
    const winner = passwords[results.findIndex((r) => r.status === "fulfilled")] ?? "";
    expect(await engine.directory.verifyPassword("anna", winner)).toBe(true);
  });

  it("expire, and an unknown or expired flow id reads the same", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    engine.clock.advance(15 * 60_000);
    expect(
      await problemOf(
        api.chooseMethod({
          flowId: flow.flowId,
          methodId: flow.methods[0]?.id ?? "",
          contact: "x@example.org",
        }),
      ),
    ).toBe("flow-expired");
    expect(await problemOf(api.resendCode({ flowId: "A".repeat(22) }))).toBe("flow-expired");
  });

  it("have ids of at least 128 random bits that differ every time", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const ids = await Promise.all(
      Array.from({ length: 5 }, () => engine.startReset("anna")).map(async (f) => (await f).flowId),
    );
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  });
});

describe("housekeeping", () => {
  it("purges expired flows, so a purged flow reads as expired", async () => {
    const engine = await createTestEngine();
    const flow = await engine.startReset("nobody");
    expect(await engine.service.purgeExpired()).toBe(0);
    engine.clock.advance(24 * 3_600_000);
    expect(await engine.service.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(Object.keys(engine.store.tables().flows)).toHaveLength(0);
    expect(await problemOf(engine.anonymous().resendCode({ flowId: flow.flowId }))).toBe(
      "flow-expired",
    );
  });
});
