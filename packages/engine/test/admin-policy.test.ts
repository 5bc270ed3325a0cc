import { defaultPolicy } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { createTestEngine, problemOf, withRegisteredAnna } from "./fixtures.js";

describe("the policy", () => {
  it("starts from the careful defaults and is for administrators only", async () => {
    const engine = await createTestEngine();
    expect(await engine.admin.getPolicy()).toEqual({ policy: defaultPolicy, version: 0 });
    expect(await problemOf(engine.as("anna").getPolicy())).toBe("forbidden");
    expect(
      await problemOf(engine.anonymous().savePolicy({ policy: defaultPolicy, version: 0 })),
    ).toBe("unauthenticated");
  });

  it("saves with optimistic concurrency: a stale version is a conflict", async () => {
    const engine = await createTestEngine();
    const saved = await engine.admin.savePolicy({
      policy: { ...defaultPolicy, methodsRequired: 2 },
      version: 0,
    });
    expect(saved.version).toBe(1);
    expect(await problemOf(engine.admin.savePolicy({ policy: defaultPolicy, version: 0 }))).toBe(
      "conflict",
    );
    expect((await engine.admin.getPolicy()).policy.methodsRequired).toBe(2);
  });

  it("rejects settings outside Entra's ranges, naming the field", async () => {
    const engine = await createTestEngine();
    const bad = [
      { ...defaultPolicy, methodsRequired: 3 },
      { ...defaultPolicy, registration: { requireAtSignIn: true, reconfirmDays: 731 } },
      { ...defaultPolicy, password: { ...defaultPolicy.password, minLength: 7 } },
      { ...defaultPolicy, password: { ...defaultPolicy.password, expiryDays: 13 } },
      { ...defaultPolicy, securityQuestions: { toRegister: 3, toAsk: 4, custom: [] } },
      {
        ...defaultPolicy,
        methods: { email: false, sms: false, voice: false, app: false, questions: true },
      },
      { ...defaultPolicy, helpdesk: { kind: "url", url: "javascript:alert(1)" } },
      { ...defaultPolicy, unknown: true },
    ];
    for (const policy of bad) {
      await expect(
        engine.admin.savePolicy({ policy: policy as typeof defaultPolicy, version: 0 }),
      ).rejects.toMatchObject({
        problem: {
          code: "invalid-request",
          errors: [expect.objectContaining({ path: expect.any(String) })],
        },
      });
    }
    expect((await engine.admin.getPolicy()).version).toBe(0);
  });

  it("always asks administrators for two methods, whatever the policy says", async () => {
    const engine = await createTestEngine();
    expect((await engine.as("bob").getRegistration()).required).toBe(2);
    await engine.registerContact("bob", "email", "bob@example.org");
    expect((await engine.as("bob").getRegistration()).due).toBe("register");
    await engine.registerApp("bob");
    const api = engine.anonymous();
    const flow = await engine.startReset("bob@contoso.com", api);
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods.find((m) => m.kind === "email")?.id ?? "",
      contact: "bob@example.org",
    });
    const first = await api.verifyCode({
      flowId: flow.flowId,
      code: await engine.codeSentTo("bob@example.org"),
    });
    expect(first.step).toBe("choose-method");
    expect(first.required).toBe(2);
  });

  it("sends unregistered and out-of-scope users down the decoy path", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    await engine.admin.savePolicy({
      policy: { ...defaultPolicy, enabled: { scope: "selected", groups: ["it"] } },
      version: 0,
    });
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    const email = flow.methods.find((m) => m.kind === "email");
    if (email) {
      await api.chooseMethod({
        flowId: flow.flowId,
        methodId: email.id,
        contact: "anna.private@example.org",
      });
      await engine.service.outbox.runOnce();
      expect(
        engine.delivery.sent.filter(
          (m) => m.subject.includes("verification code") && m.to === "anna.private@example.org",
        ),
      ).toHaveLength(1);
    }
    expect((await engine.as("anna").getRegistration()).required).toBe(0);
  });
});
