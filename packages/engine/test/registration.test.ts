import { describe, expect, it } from "vitest";
import { createTestEngine, problemOf, withRegisteredAnna } from "./fixtures.js";

describe("registration", () => {
  it("lists what the policy requires and that registration is due", async () => {
    const engine = await createTestEngine();
    const status = await engine.as("carl").getRegistration();
    expect(status).toMatchObject({ required: 1, due: "register", methods: [], confirmedAt: null });
    expect(status.allowed).toEqual({
      email: true,
      sms: true,
      voice: false,
      app: true,
      questions: false,
    });
  });

  it("saves an email address only after its code verifies, and then is complete", async () => {
    const engine = await createTestEngine();
    const api = engine.as("carl");
    const pending = await api.addContactMethod({ kind: "email", value: " Carl@Example.org " });
    expect(pending.hint).toBe("c\u2022\u2022\u2022@e\u2022\u2022\u2022");
    expect((await api.getRegistration()).methods).toHaveLength(0);
    expect(
      await problemOf(api.verifyContactMethod({ pendingId: pending.pendingId, code: "00000000" })),
    ).toBe("code-invalid");
    const status = await api.verifyContactMethod({
      pendingId: pending.pendingId,
      code: await engine.codeSentTo("carl@example.org"),
    });
    expect(status.methods.map((m) => m.kind)).toEqual(["email"]);
    expect(status.due).toBe("none");
    expect(status.confirmedAt).not.toBeNull();
  });

  it("normalises phone numbers to E.164 and rejects what is not one", async () => {
    const engine = await createTestEngine({ defaultCountry: "NL" });
    const api = engine.as("carl");
    await api.addContactMethod({ kind: "phone", value: "06 1234 5678" });
    expect(await engine.codeSentTo("+31612345678")).toMatch(/^\d{8}$/);
    expect(await problemOf(api.addContactMethod({ kind: "phone", value: "12" }))).toBe(
      "invalid-request",
    );
    expect(
      await problemOf(
        api.addContactMethod({ kind: "email", value: "carl@example.org\r\nBcc: all@example.org" }),
      ),
    ).toBe("invalid-request");
  });

  it("tells the user's other contacts when a method is added", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    await engine.service.outbox.runOnce();
    const notices = engine.delivery.sent.filter(
      (m) => m.subject === "Security info added to your account",
    );
    expect(notices.map((m) => m.to)).toEqual(["anna.private@example.org"]);
  });

  it("registers an authenticator app from a 160-bit key, its QR code and one valid code; the key is encrypted at rest", async () => {
    const engine = await createTestEngine();
    const api = engine.as("carl");
    const pending = await api.beginAppRegistration();
    expect(pending.secret.length).toBeGreaterThanOrEqual(32); // base32: 5 bits a character
    expect(pending.uri).toMatch(/^otpauth:\/\/totp\/sspr:carl%40contoso\.com\?.*secret=/);
    expect(pending.qrSvg).toMatch(/^<svg/);
    expect(
      await problemOf(api.verifyAppRegistration({ pendingId: pending.pendingId, code: "000000" })),
    ).toBe("code-invalid");
    const { codeAt } = await engine.registerApp("anna");
    expect(codeAt()).toMatch(/^\d{6}$/);
    const status = await api.getRegistration();
    expect(status.methods).toHaveLength(0);
    expect(JSON.stringify(engine.store.tables())).not.toContain(pending.secret);
  });

  it("removes a method and re-confirms when due", async () => {
    const engine = await createTestEngine({
      policy: { registration: { requireAtSignIn: true, reconfirmDays: 30 } },
    });
    await withRegisteredAnna(engine);
    const api = engine.as("anna");
    engine.clock.advance(31 * 86_400_000);
    const due = await api.getRegistration();
    expect(due.due).toBe("reconfirm");
    expect((await api.reconfirmRegistration()).due).toBe("none");
    const phone = due.methods.find((m) => m.kind === "phone");
    const after = await api.removeMethod({ methodId: phone?.id ?? "" });
    expect(after.methods.map((m) => m.kind)).toEqual(["email"]);
    expect(await problemOf(api.removeMethod({ methodId: phone?.id ?? "" }))).toBe("not-found");
  });

  it("keeps pending registrations to their own user", async () => {
    const engine = await createTestEngine();
    const pending = await engine
      .as("carl")
      .addContactMethod({ kind: "email", value: "carl@example.org" });
    const code = await engine.codeSentTo("carl@example.org");
    expect(
      await problemOf(
        engine.as("anna").verifyContactMethod({ pendingId: pending.pendingId, code }),
      ),
    ).toBe("flow-expired");
  });

  it("needs a signed-in user", async () => {
    const engine = await createTestEngine();
    expect(await problemOf(engine.anonymous().getRegistration())).toBe("unauthenticated");
    expect(await problemOf(engine.as("dave").getRegistration())).toBe("unauthenticated");
  });
});

describe("security questions", () => {
  const answers = [
    { questionId: "first-pet", answer: "  Minoes " },
    { questionId: "parents-met", answer: "AMSTERDAM" },
    { questionId: "first-school", answer: "De Regenboog" },
  ];

  it("are off by default", async () => {
    const engine = await createTestEngine();
    expect(await problemOf(engine.as("anna").setSecurityQuestions({ answers }))).toBe(
      "method-not-allowed",
    );
  });

  it("are never allowed for administrators and never count alone", async () => {
    const engine = await createTestEngine({
      policy: { methods: { email: true, sms: true, voice: false, app: true, questions: true } },
    });
    expect(await problemOf(engine.as("bob").setSecurityQuestions({ answers }))).toBe(
      "method-not-allowed",
    );
    await engine.as("carl").setSecurityQuestions({ answers });
    expect((await engine.as("carl").getRegistration()).due).toBe("register");
    const identifiers = ["carl@contoso.com", ...Array.from({ length: 30 }, (_, n) => `nobody${n}`)];
    for (const [n, identifier] of identifiers.entries()) {
      const flow = await engine.startReset(identifier, engine.anonymous(`192.0.2.${n}`));
      expect(
        flow.methods.some((m) => m.kind !== "questions"),
        identifier,
      ).toBe(true);
    }
  });

  it("store answers normalised and slowly hashed, never shown back, and verify them in a reset", async () => {
    const engine = await createTestEngine({
      policy: {
        methods: { email: true, sms: true, voice: false, app: true, questions: true },
        methodsRequired: 2,
      },
    });
    await engine.registerContact("carl", "email", "carl@example.org");
    const status = await engine.as("carl").setSecurityQuestions({ answers });
    expect(JSON.stringify(status)).not.toMatch(/minoes|amsterdam|regenboog/i);
    const tables = JSON.stringify(engine.store.tables());
    expect(tables).not.toMatch(/minoes|amsterdam|regenboog/i);
    expect(tables).toContain("$argon2id$");

    const api = engine.anonymous();
    const flow = await engine.startReset("carl@contoso.com", api);
    const questions = flow.methods.find((m) => m.kind === "questions");
    expect(flow.methods.map((m) => m.kind)).toEqual(["email", "questions"]);
    const asked = await api.chooseMethod({ flowId: flow.flowId, methodId: questions?.id ?? "" });
    expect(asked.step).toBe("answer-questions");
    expect(asked.active?.questions.map((q) => q.id).sort()).toEqual([
      "first-pet",
      "first-school",
      "parents-met",
    ]);
    expect(asked.active?.questions.find((q) => q.id === "first-pet")?.text).toBe(
      "What was the name of your first pet?",
    );
    expect(
      await problemOf(
        api.answerQuestions({
          flowId: flow.flowId,
          answers: answers.map((a) => ({ ...a, answer: "wrong answer" })),
        }),
      ),
    ).toBe("code-invalid");
    const verified = await api.answerQuestions({
      flowId: flow.flowId,
      answers: [
        { questionId: "first-pet", answer: "minoes" },
        { questionId: "parents-met", answer: "amsterdam  " },
        { questionId: "first-school", answer: "de   regenboog" },
      ],
    });
    expect(verified.step).toBe("choose-method");
  });
});
