import { defaultPolicy, type SsprProblem } from "@sspr/core";
import { describe, expect, it } from "vitest";
import {
  ANNA_EMAIL,
  annaReadyForPassword,
  createTestEngine,
  NEW_PASSWORD,
  oldPassword,
  problemOf,
  withRegisteredAnna,
} from "./fixtures.js";

describe("self-service reset", () => {
  it("resets a password with one email code and tells every registered contact", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const started = await engine.startReset("Anna@Contoso.com", api);
    expect(started.step).toBe("choose-method");
    expect(started.required).toBe(1);
    expect(started.methods.map((m) => m.kind)).toEqual(["email", "phone"]);
    const email = started.methods[0];
    if (!email) throw new Error("no email method");
    expect(email.hint).toBe("a\u2022\u2022\u2022@e\u2022\u2022\u2022");

    const sent = await api.chooseMethod({
      flowId: started.flowId,
      methodId: email.id,
      contact: "ANNA.private@example.org",
    });
    expect(sent.step).toBe("enter-code");
    const verified = await api.verifyCode({
      flowId: started.flowId,
      code: await engine.codeSentTo(ANNA_EMAIL),
    });
    expect(verified.step).toBe("new-password");
    const done = await api.completeReset({ flowId: started.flowId, newPassword: NEW_PASSWORD });
    expect(done.step).toBe("done");

    expect(await engine.directory.verifyPassword("anna", NEW_PASSWORD)).toBe(true);
    expect(await engine.directory.verifyPassword("anna", oldPassword("anna"))).toBe(false);
    await engine.service.outbox.runOnce();
    const notices = engine.delivery.sent
      .filter((m) => m.subject === "Your password was changed")
      .map((m) => m.to);
    expect(notices.sort()).toEqual(["+31612345678", ANNA_EMAIL]);
  });

  it("asks for a second method when the policy requires two, and only then for the password", async () => {
    const engine = await createTestEngine({ policy: { methodsRequired: 2 } });
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    expect(flow.required).toBe(2);
    const [email, phone] = flow.methods;
    if (!email || !phone) throw new Error("methods missing");
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: email.id,
      contact: ANNA_EMAIL,
    });
    const first = await api.verifyCode({
      flowId: flow.flowId,
      code: await engine.codeSentTo(ANNA_EMAIL),
    });
    expect(first.step).toBe("choose-method");
    expect(first.methods.map((m) => m.id)).toEqual([phone.id]);
    expect(
      await problemOf(api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD })),
    ).toBe("step-out-of-order");
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: phone.id,
      channel: "sms",
      contact: "06 12345678".replace("06", "+316"),
    });
    const second = await api.verifyCode({
      flowId: flow.flowId,
      code: await engine.codeSentTo("+31612345678"),
    });
    expect(second.step).toBe("new-password");
    expect((await api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD })).step).toBe(
      "done",
    );
  });

  it("sends a code by voice call when the policy allows calls", async () => {
    const engine = await createTestEngine({
      policy: { methods: { email: true, sms: false, voice: true, app: true, questions: false } },
    });
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    const phone = flow.methods.find((m) => m.kind === "phone");
    expect(phone?.channels).toEqual(["voice"]);
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: phone?.id ?? "",
      channel: "voice",
      contact: "+31612345678",
    });
    await engine.service.outbox.runOnce();
    const call = engine.delivery.sent.at(-1);
    expect(call?.channel).toBe("voice");
    expect(call?.text).toMatch(/(\d ){7}\d/);
  });

  it("works for a user locked out by the directory, and never locks anyone", async () => {
    const engine = await createTestEngine();
    await engine.registerContact("erin", "email", "erin@example.org");
    const api = engine.anonymous();
    const flow = await engine.startReset("erin@contoso.com", api);
    const [email] = flow.methods;
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: email?.id ?? "",
      contact: "erin@example.org",
    });
    await api.verifyCode({
      flowId: flow.flowId,
      code: await engine.codeSentTo("erin@example.org"),
    });
    expect((await api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD })).step).toBe(
      "done",
    );
    expect((await engine.directory.getUser("erin"))?.locked).toBe(true);
  });

  it("rejects a password that breaks the rules, with one result per rule, and keeps the old one", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaReadyForPassword(engine);
    for (const [password, rule] of [
      ["short", "length"],
      ["P@ssw0rd-P@ssw0rd", "banned"],
      ["anna de vries forever", "banned"],
      [oldPassword("anna"), "history"],
    ] as const) {
      try {
        await api.completeReset({ flowId: flowId, newPassword: password });
        throw new Error(`accepted ${password}`);
      } catch (error) {
        const problem = (
          error as { problem?: { code: string; rules?: { rule: string; passed: boolean }[] } }
        ).problem;
        expect(problem?.code).toBe("password-rejected");
        expect(problem?.rules?.find((r) => r.rule === rule)?.passed).toBe(false);
      }
    }
    expect(await engine.directory.verifyPassword("anna", oldPassword("anna"))).toBe(true);
    expect((await api.completeReset({ flowId: flowId, newPassword: NEW_PASSWORD })).step).toBe(
      "done",
    );
  });

  it("scores the new password as Entra does: passphrases pass, the term that cost points is named", async () => {
    const engine = await createTestEngine({
      policy: { password: { ...defaultPolicy.password, bannedTerms: ["Contoso", "blank"] } },
    });
    const { api, flowId } = await annaReadyForPassword(engine);
    const rejected = await api.completeReset({ flowId, newPassword: "C0ntos0Blank12" }).then(
      () => null,
      (error: SsprProblem) => error.problem,
    );
    expect(rejected?.code).toBe("password-rejected");
    expect(rejected?.rules?.find((r) => r.rule === "banned")).toEqual({
      rule: "banned",
      passed: false,
      terms: ["Contoso", "blank"],
    });
    expect(rejected?.rules?.map((r) => r.rule)).toEqual([
      "length",
      "max-length",
      "banned",
      "history",
    ]);
    expect(
      (await api.completeReset({ flowId, newPassword: "Orange velvet compass 48" })).step,
    ).toBe("done");
  });

  it("does not sign the user in: completing returns no token or session", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaReadyForPassword(engine);
    const done = await api.completeReset({ flowId: flowId, newPassword: NEW_PASSWORD });
    expect(Object.keys(done).sort()).toEqual([
      "active",
      "canUnlock",
      "expiresAt",
      "flowId",
      "methods",
      "required",
      "step",
      "verified",
    ]);
  });

  it("calls the host's hook after a reset so it can end the user's other sessions", async () => {
    const ended: string[] = [];
    const engine = await createTestEngine({
      onPasswordChanged: async (userId) => void ended.push(userId),
    });
    const { api, flowId } = await annaReadyForPassword(engine);
    await api.completeReset({ flowId: flowId, newPassword: NEW_PASSWORD });
    expect(ended).toEqual(["anna"]);
  });
});
