import { connectRegistration, registrationMachine } from "@sspr/core";
import * as OTPAuth from "otpauth";
import { afterAll, describe, expect, it } from "vitest";
import { createTestEngine, type TestEngine, withRegisteredAnna } from "../fixtures.js";
import { driveOnEngine, type Transport, transitionLog, transports } from "./machine-driver.js";

const log = transitionLog();

/** A registration actor for a signed-in user on the real engine, over one transport. */
const driver = (
  transport: Transport,
  engine: TestEngine,
  userId: string,
  options: { offlineAtStart?: boolean } = {},
) =>
  driveOnEngine(registrationMachine, log, transport, engine, {
    ...options,
    userId,
    input: (api) => ({ api, now: () => engine.clock.now() }),
    busy: ["calling", "routing"],
  });

const answers = [
  { questionId: "first-pet", answer: "Minoes" },
  { questionId: "parents-met", answer: "Amsterdam" },
  { questionId: "first-school", answer: "Regenboog" },
];

describe.each(transports)("the registration machine, %s", (transport) => {
  it("adds an email address through its code, shows rejected input, resends, and finishes", async () => {
    const engine = await createTestEngine();
    const { send, state } = await driver(transport, engine, "carl");
    expect(state().value).toBe("overview");
    expect(state().context.status?.due).toBe("register");
    expect((await send({ type: "FINISH" })).value).toBe("overview");
    expect((await send({ type: "CONTACT.ADD", kind: "email" })).value).toBe("addContact");
    expect((await send({ type: "CANCEL" })).value).toBe("overview");
    await send({ type: "CONTACT.ADD", kind: "email" });
    const invalid = await send({ type: "CONTACT.SUBMIT", value: "not an address" });
    expect(invalid.value).toBe("addContact");
    expect(invalid.context.problem?.code).toBe("invalid-request");
    expect((await send({ type: "CONTACT.SUBMIT", value: "carl@example.org" })).value).toBe(
      "verifyContact",
    );
    const wrong = await send({ type: "CODE.SUBMIT", code: "00000000" });
    expect(wrong.value).toBe("verifyContact");
    expect(wrong.context.problem?.code).toBe("code-invalid");
    engine.clock.advance(30_000);
    expect((await send({ type: "CODE.RESEND" })).context.problem).toBeNull();
    const saved = await send({
      type: "CODE.SUBMIT",
      code: await engine.codeSentTo("carl@example.org"),
    });
    expect(saved.value).toBe("overview");
    expect(saved.context.status?.due).toBe("none");
    expect((await send({ type: "FINISH" })).value).toBe("complete");
  });

  it("adds an authenticator app from its QR code and key, after a wrong code and a cancel", async () => {
    const engine = await createTestEngine();
    const { send } = await driver(transport, engine, "carl");
    const shown = await send({ type: "APP.ADD" });
    expect(shown.value).toBe("addApp");
    expect(shown.context.pendingApp?.qrSvg).toMatch(/^<svg/);
    expect((await send({ type: "CODE.SUBMIT", code: "000000" })).context.problem?.code).toBe(
      "code-invalid",
    );
    expect((await send({ type: "CANCEL" })).context.pendingApp).toBeNull();
    const again = await send({ type: "APP.ADD" });
    const secret = OTPAuth.Secret.fromBase32(again.context.pendingApp?.secret ?? "");
    const code = new OTPAuth.TOTP({ secret, digits: 6, period: 30 }).generate({
      timestamp: engine.clock.now(),
    });
    const saved = await send({ type: "CODE.SUBMIT", code });
    expect(saved.value).toBe("overview");
    expect(saved.context.status?.methods.map((m) => m.kind)).toEqual(["app"]);
  });

  it("sets security questions when the policy allows them, after a rejected set", async () => {
    const engine = await createTestEngine({
      policy: { methods: { email: true, sms: true, voice: false, app: true, questions: true } },
    });
    const { send } = await driver(transport, engine, "carl");
    expect((await send({ type: "QUESTIONS.ADD" })).value).toBe("setQuestions");
    expect((await send({ type: "CANCEL" })).value).toBe("overview");
    await send({ type: "QUESTIONS.ADD" });
    const rejected = await send({ type: "ANSWERS.SUBMIT", answers: answers.slice(0, 2) });
    expect(rejected.value).toBe("setQuestions");
    expect(rejected.context.problem?.code).toBe("invalid-request");
    const saved = await send({ type: "ANSWERS.SUBMIT", answers });
    expect(saved.value).toBe("overview");
    expect(saved.context.status?.methods.map((m) => m.kind)).toEqual(["questions"]);
  });

  it("removes a method and re-confirms when due", async () => {
    const engine = await createTestEngine({
      policy: { registration: { requireAtSignIn: true, reconfirmDays: 30 } },
    });
    await withRegisteredAnna(engine);
    engine.clock.advance(31 * 86_400_000);
    const { send, state } = await driver(transport, engine, "anna");
    expect(state().context.status?.due).toBe("reconfirm");
    expect((await send({ type: "RECONFIRM" })).context.status?.due).toBe("none");
    const phone = state().context.status?.methods.find((m) => m.kind === "phone")?.id ?? "";
    expect(
      (await send({ type: "METHOD.REMOVE", methodId: phone })).context.status?.methods,
    ).toHaveLength(1);
    const gone = await send({ type: "METHOD.REMOVE", methodId: phone });
    expect(gone.value).toBe("overview");
    expect(gone.context.problem?.code).toBe("not-found");
  });

  it("returns to the overview when a pending contact dies after five wrong codes, or is cancelled", async () => {
    const engine = await createTestEngine();
    const { send } = await driver(transport, engine, "carl");
    await send({ type: "CONTACT.ADD", kind: "phone" });
    await send({ type: "CONTACT.SUBMIT", value: "+31612345678" });
    expect((await send({ type: "CANCEL" })).context.pendingContact).toBeNull();
    await send({ type: "CONTACT.ADD", kind: "phone" });
    await send({ type: "CONTACT.SUBMIT", value: "+31612345678" });
    for (let i = 0; i < 4; i++) await send({ type: "CODE.SUBMIT", code: "00000000" });
    const lost = await send({ type: "CODE.SUBMIT", code: "00000000" });
    expect(lost.value).toBe("overview");
    expect(lost.context.problem?.code).toBe("attempts-exceeded");
  });

  it("shows a network error and retries", async () => {
    const engine = await createTestEngine();
    const { send, state } = await driver(transport, engine, "carl", { offlineAtStart: true });
    expect(state().value).toBe("networkError");
    expect((await send({ type: "RETRY" })).value).toBe("overview");
  });
});

afterAll(() => log.expectAllTaken(registrationMachine));

describe("connectRegistration", () => {
  it("gives a template the step, the status and actions", async () => {
    const engine = await createTestEngine();
    const { actor, state } = await driver("in-process", engine, "carl");
    const view = () => connectRegistration(actor.getSnapshot(), actor.send);
    expect(view()).toMatchObject({
      step: "overview",
      busy: false,
      canFinish: false,
      status: { due: "register" },
    });
    view().addContact("phone");
    expect(view()).toMatchObject({ step: "add-contact", contactKind: "phone" });
    view().submitContact("+31612345678");
    expect(view().busy).toBe(true);
    await (await import("xstate")).waitFor(actor, (s) => s.value === "verifyContact");
    expect(view().pendingContact?.hint).toBe("\u2022\u2022\u2022\u2022 \u2022\u202278");
    expect(view().resendAvailableAt).toBe(engine.clock.now() + 30_000);
    expect(state().value).toBe("verifyContact");
  });
});
