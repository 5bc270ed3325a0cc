import { describe, expect, it } from "vitest";
import { createTestEngine, NEW_PASSWORD, problemOf, withRegisteredAnna } from "./fixtures.js";

describe("the audit trail", () => {
  it("records every step with actor and outcome, and holds no code, answer, password, token or secret", async () => {
    const engine = await createTestEngine({
      policy: { methods: { email: true, sms: true, voice: false, app: true, questions: true } },
    });
    await withRegisteredAnna(engine);
    const answers = [
      { questionId: "first-pet", answer: "Minoes" },
      { questionId: "parents-met", answer: "Amsterdam" },
      { questionId: "first-school", answer: "Regenboog" },
    ];
    await engine.as("anna").setSecurityQuestions({ answers });
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods[0]?.id ?? "",
      contact: "anna.private@example.org",
    });
    const code = await engine.codeSentTo("anna.private@example.org");
    await problemOf(api.completeReset({ flowId: flow.flowId, newPassword: "short" }));
    await api.verifyCode({ flowId: flow.flowId, code });
    await problemOf(api.completeReset({ flowId: flow.flowId, newPassword: "Password-Anna" }));
    await api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD });

    const events = await engine.store.listAudit({});
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        "reset.started",
        "reset.method-chosen",
        "reset.method-verified",
        "reset.password-rejected",
        "reset.completed",
        "registration.method-added",
        "policy.saved",
      ]),
    );
    const trail = JSON.stringify(events);
    const secrets = [
      code,
      flow.flowId,
      NEW_PASSWORD,
      "Password-Anna-1",
      "Minoes",
      "Amsterdam",
      ...engine.secrets.hmacKeys.map((k) => k.key),
      ...engine.secrets.encryptionKeys.map((k) => k.key),
    ];
    for (const secret of secrets) expect(trail).not.toContain(secret);
    expect(await engine.store.listAudit({ subject: "anna", type: "reset.completed" })).toHaveLength(
      1,
    );
  });
});
