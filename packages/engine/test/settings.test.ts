import { defaultPolicy } from "@sspr/core";
import { describe, expect, it } from "vitest";
import {
  createHttpFixture,
  createTestEngine,
  NEW_PASSWORD,
  QUESTION_ANSWERS,
  WITH_QUESTIONS,
} from "./fixtures.js";

describe("settings do what their labels say", () => {
  it("offer registration, never require it, when sign-in does not ask for it", async () => {
    const asked = await createTestEngine();
    expect((await asked.as("carl").getRegistration()).due).toBe("register");
    const offered = await createTestEngine({
      policy: { registration: { ...defaultPolicy.registration, requireAtSignIn: false } },
    });
    for (const api of [offered.as("carl"), createHttpFixture(offered).api("carl")]) {
      const status = await api.getRegistration();
      expect(status.due).toBe("none");
      expect(status.required).toBe(1);
    }
    // Still offered: carl registers, and his registration counts as confirmed.
    const registered = await offered.registerContact("carl", "email", "carl@example.org");
    expect(registered.methods).toHaveLength(1);
    expect(registered.confirmedAt).not.toBeNull();
  });

  it("tell the other administrators when an administrator resets their own password", async () => {
    const engine = await createTestEngine();
    await engine.directory.addUser(
      {
        id: "fay",
        identifiers: ["fay@contoso.com"],
        displayName: "Fay Admin",
        groups: ["it"],
        isAdmin: true,
        disabled: false,
        locked: false,
      },
      "fay-Old-Passw0rd!",
    );
    await engine.registerContact("fay", "email", "fay@example.org");
    await engine.registerContact("bob", "email", "bob@example.org");
    const { codeAt } = await engine.registerApp("bob");
    const api = engine.anonymous();
    const flow = await engine.startReset("bob@contoso.com", api);
    const method = (kind: string) => flow.methods.find((m) => m.kind === kind)?.id ?? "";
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: method("email"),
      contact: "bob@example.org",
    });
    await api.verifyCode({ flowId: flow.flowId, code: await engine.codeSentTo("bob@example.org") });
    await api.chooseMethod({ flowId: flow.flowId, methodId: method("app") });
    await api.verifyCode({ flowId: flow.flowId, code: codeAt() });
    expect((await api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD })).step).toBe(
      "done",
    );
    await engine.service.outbox.runOnce();
    const notices = engine.delivery.sent.filter((m) => m.to === "fay@example.org");
    expect(notices.at(-1)?.text).toContain("Administrator Bob Admin reset their own password");
    expect(engine.delivery.sent.filter((m) => /administrator Bob/i.test(m.text))).toHaveLength(1);
  });

  it("never offer security questions in an administrator's decoy, in or out of scope", async () => {
    const engine = await createTestEngine({ policy: WITH_QUESTIONS });
    // Real users with questions, so decoys have question sets to draw from.
    for (const id of ["anna", "carl"]) {
      await engine.registerContact(id, "email", `${id}@example.org`);
      await engine.as(id).setSecurityQuestions({ answers: QUESTION_ANSWERS });
    }
    const outOfScope = await createTestEngine({
      policy: { ...WITH_QUESTIONS, enabled: { scope: "selected", groups: ["staff"] } },
    });
    for (const id of ["anna", "carl"]) {
      await outOfScope.registerContact(id, "email", `${id}@example.org`);
      await outOfScope.as(id).setSecurityQuestions({ answers: QUESTION_ANSWERS });
    }
    // bob (an administrator) is unregistered in the first, and out of scope in the second.
    for (const e of [engine, outOfScope]) {
      const decoy = await e.startReset("bob@contoso.com");
      expect(decoy.methods.length).toBeGreaterThanOrEqual(2);
      expect(decoy.methods.map((m) => m.kind)).not.toContain("questions");
    }
  });
});
