import { connectReset, type Policy, resetMachine, solveBotChallenge } from "@sspr/core";
import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "xstate";
import {
  ANNA_EMAIL,
  createTestEngine,
  NEW_PASSWORD,
  type TestEngine,
  withRegisteredAnna,
} from "../fixtures.js";
import { driveOnEngine, type Transport, transitionLog, transports } from "./machine-driver.js";

const log = transitionLog();

/** A reset actor on the real engine, over one transport. */
async function driver(
  transport: Transport,
  engine: TestEngine,
  options: { offlineAtStart?: boolean } = {},
) {
  const driven = await driveOnEngine(resetMachine, log, transport, engine, {
    ...options,
    input: (api) => ({ api, solveBot: solveBotChallenge, now: () => engine.clock.now() }),
    busy: ["starting", "calling", "routing"],
  });
  const methodId = (kind: string) =>
    driven.state().context.flow?.methods.find((m) => m.kind === kind)?.id ?? "";
  return { ...driven, methodId };
}

const questionsPolicy: Partial<Policy> = {
  methods: { email: true, sms: true, voice: false, app: true, questions: true },
};
const answers = [
  { questionId: "first-pet", answer: "Minoes" },
  { questionId: "parents-met", answer: "Amsterdam" },
  { questionId: "first-school", answer: "Regenboog" },
];

describe.each(transports)("the reset machine, %s", (transport) => {
  it("walks email code, a rejected and then an accepted password, to done", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { send, state, methodId } = await driver(transport, engine);
    expect(state().value).toBe("identify");
    expect((await send({ type: "IDENTIFY", identifier: "   " })).value).toBe("identify");
    expect((await send({ type: "IDENTIFY", identifier: "anna" })).value).toBe("chooseMethod");
    expect((await send({ type: "METHOD.SELECT", methodId: methodId("email") })).value).toBe(
      "confirmContact",
    );
    expect((await send({ type: "CONTACT.SUBMIT", contact: ANNA_EMAIL })).value).toBe("enterCode");
    const code = await engine.codeSentTo(ANNA_EMAIL);
    expect((await send({ type: "CODE.SUBMIT", code })).value).toBe("newPassword");
    const rejected = await send({ type: "PASSWORD.SUBMIT", password: "short" });
    expect(rejected.value).toBe("newPassword");
    expect(rejected.context.problem?.code).toBe("password-rejected");
    expect(rejected.context.pending).toBeNull();
    const done = await send({ type: "PASSWORD.SUBMIT", password: NEW_PASSWORD });
    expect(done.value).toBe("done");
    expect(done.status).toBe("done");
    expect(await engine.directory.verifyPassword("anna", NEW_PASSWORD)).toBe(true);
  });

  it("shows a rejected contact on its step, goes back, and asks for a second method when two are required", async () => {
    const engine = await createTestEngine({ policy: { methodsRequired: 2 } });
    await withRegisteredAnna(engine);
    const { send, methodId } = await driver(transport, engine);
    await send({ type: "IDENTIFY", identifier: "anna" });
    await send({ type: "METHOD.SELECT", methodId: methodId("email") });
    const rejected = await send({ type: "CONTACT.SUBMIT", contact: "not an address" });
    expect(rejected.value).toBe("confirmContact");
    expect(rejected.context.problem?.code).toBe("invalid-request");
    expect((await send({ type: "BACK" })).value).toBe("chooseMethod");
    await send({ type: "METHOD.SELECT", methodId: methodId("email") });
    await send({ type: "CONTACT.SUBMIT", contact: ANNA_EMAIL });
    const second = await send({ type: "CODE.SUBMIT", code: await engine.codeSentTo(ANNA_EMAIL) });
    expect(second.value).toBe("chooseMethod");
    expect(second.context.flow?.required).toBe(2);
    await send({ type: "METHOD.SELECT", methodId: methodId("phone") });
    await send({ type: "CONTACT.SUBMIT", contact: "+31612345678", channel: "sms" });
    expect(
      (await send({ type: "CODE.SUBMIT", code: await engine.codeSentTo("+31612345678") })).value,
    ).toBe("newPassword");
  });

  it("shows a wrong code, resends after the cooldown, and lets the user pick another method", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { send, methodId } = await driver(transport, engine);
    await send({ type: "IDENTIFY", identifier: "anna" });
    await send({ type: "METHOD.SELECT", methodId: methodId("email") });
    await send({ type: "CONTACT.SUBMIT", contact: ANNA_EMAIL });
    const wrong = await send({ type: "CODE.SUBMIT", code: "00000000" });
    expect(wrong.value).toBe("enterCode");
    expect(wrong.context.problem).toMatchObject({ code: "code-invalid", attemptsLeft: 4 });
    const early = await send({ type: "CODE.RESEND" });
    expect(early.value).toBe("enterCode");
    engine.clock.advance(30_000);
    expect((await send({ type: "CODE.RESEND" })).context.problem).toBeNull();
    expect((await send({ type: "BACK" })).value).toBe("chooseMethod");
  });

  it("verifies an authenticator app without asking for a contact", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { codeAt } = await engine.registerApp("anna");
    const { send, methodId } = await driver(transport, engine);
    await send({ type: "IDENTIFY", identifier: "anna" });
    expect((await send({ type: "METHOD.SELECT", methodId: methodId("app") })).value).toBe(
      "enterCode",
    );
    expect((await send({ type: "CODE.SUBMIT", code: codeAt() })).value).toBe("newPassword");
  });

  it("asks security questions, shows wrong answers, and goes back", async () => {
    const engine = await createTestEngine({ policy: questionsPolicy });
    await withRegisteredAnna(engine);
    await engine.as("anna").setSecurityQuestions({ answers });
    const { send, methodId } = await driver(transport, engine);
    await send({ type: "IDENTIFY", identifier: "anna" });
    const asked = await send({ type: "METHOD.SELECT", methodId: methodId("questions") });
    expect(asked.value).toBe("answerQuestions");
    expect(asked.context.flow?.active?.questions).toHaveLength(3);
    const wrong = await send({
      type: "ANSWERS.SUBMIT",
      answers: answers.map((a) => ({ ...a, answer: "nope nope" })),
    });
    expect(wrong.value).toBe("answerQuestions");
    expect(wrong.context.problem?.code).toBe("code-invalid");
    expect((await send({ type: "BACK" })).value).toBe("chooseMethod");
    await send({ type: "METHOD.SELECT", methodId: methodId("questions") });
    expect((await send({ type: "ANSWERS.SUBMIT", answers })).value).toBe("newPassword");
  });

  it("ends in expired after five wrong codes or a timed-out flow, and starts again", async () => {
    // A budget of failures larger than the code's tries, so the code dies before anna is blocked.
    const engine = await createTestEngine({ limits: { verifyFailuresPerHour: 10 } });
    await withRegisteredAnna(engine);
    const { send, methodId } = await driver(transport, engine);
    await send({ type: "IDENTIFY", identifier: "anna" });
    await send({ type: "METHOD.SELECT", methodId: methodId("email") });
    await send({ type: "CONTACT.SUBMIT", contact: ANNA_EMAIL });
    for (let i = 0; i < 4; i++) await send({ type: "CODE.SUBMIT", code: "00000000" });
    const expired = await send({ type: "CODE.SUBMIT", code: "00000000" });
    expect(expired.value).toBe("expired");
    expect(expired.context.problem?.code).toBe("attempts-exceeded");
    const again = await send({ type: "RESTART" });
    expect(again.value).toBe("identify");
    expect(again.context.flow).toBeNull();
    await send({ type: "IDENTIFY", identifier: "carl@contoso.com" });
    engine.clock.advance(16 * 60_000);
    expect((await send({ type: "METHOD.SELECT", methodId: "abc" })).value).toBe("expired");
  });

  it("ends in throttled when the engine refuses a start or a send, and starts again", async () => {
    const engine = await createTestEngine({
      limits: { startsPerAddressPerMinute: 1, sendsPerMethodPerHour: 1 },
    });
    await withRegisteredAnna(engine);
    const { send, methodId } = await driver(transport, engine);
    await send({ type: "IDENTIFY", identifier: "anna" });
    await send({ type: "METHOD.SELECT", methodId: methodId("email") });
    await send({ type: "CONTACT.SUBMIT", contact: ANNA_EMAIL });
    await send({ type: "BACK" });
    await send({ type: "METHOD.SELECT", methodId: methodId("email") });
    const sendRefused = await send({ type: "CONTACT.SUBMIT", contact: ANNA_EMAIL });
    expect(sendRefused.value).toBe("throttled");
    expect((await send({ type: "RESTART" })).value).toBe("identify");
    const startRefused = await send({ type: "IDENTIFY", identifier: "anna" });
    expect(startRefused.value).toBe("throttled");
    expect(startRefused.context.problem?.code).toBe("throttled");
  });

  it("stays on identify with the problem when the engine rejects the input", async () => {
    const engine = await createTestEngine();
    const { send } = await driver(transport, engine);
    const rejected = await send({ type: "IDENTIFY", identifier: "x".repeat(300) });
    expect(rejected.value).toBe("identify");
    expect(rejected.context.problem?.code).toBe("invalid-request");
  });

  it("shows a network error and retries, before and after the flow started", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { send, network, methodId, state } = await driver(transport, engine, {
      offlineAtStart: true,
    });
    expect(state().context.config).toBeNull();
    network.dropNext();
    expect((await send({ type: "IDENTIFY", identifier: "anna" })).value).toBe("networkError");
    expect((await send({ type: "RETRY" })).value).toBe("chooseMethod");
    await send({ type: "METHOD.SELECT", methodId: methodId("email") });
    network.dropNext();
    expect((await send({ type: "CONTACT.SUBMIT", contact: ANNA_EMAIL })).value).toBe(
      "networkError",
    );
    expect((await send({ type: "RETRY" })).value).toBe("enterCode");
  });

  it("starts from an administrator's invitation at the new password; a used one has ended", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    await engine.admin.resetUserPassword({ userId: "anna", mode: "invitation" });
    await engine.service.outbox.runOnce();
    const link = engine.delivery.sent.filter((m) => m.to === ANNA_EMAIL).at(-1)?.text ?? "";
    const invitation = link.match(/invitation=([\w-]+)/)?.[1] ?? "";
    const first = await driver(transport, engine);
    expect((await first.send({ type: "INVITATION.REDEEM", invitation })).value).toBe("newPassword");
    expect((await first.send({ type: "PASSWORD.SUBMIT", password: NEW_PASSWORD })).value).toBe(
      "done",
    );
    const again = await driver(transport, engine);
    const ended = await again.send({ type: "INVITATION.REDEEM", invitation });
    expect(ended.value).toBe("expired");
    expect(ended.context.problem?.code).toBe("flow-expired");
  });

  it("lets a locked-out user unlock instead of choosing a password", async () => {
    const engine = await createTestEngine();
    await engine.registerContact("erin", "email", "erin@example.org");
    const { send, methodId } = await driver(transport, engine);
    await send({ type: "IDENTIFY", identifier: "erin@contoso.com" });
    await send({ type: "METHOD.SELECT", methodId: methodId("email") });
    await send({ type: "CONTACT.SUBMIT", contact: "erin@example.org" });
    const verified = await send({
      type: "CODE.SUBMIT",
      code: await engine.codeSentTo("erin@example.org"),
    });
    expect(verified.value).toBe("newPassword");
    expect(verified.context.flow?.canUnlock).toBe(true);
    const unlocked = await send({ type: "UNLOCK" });
    expect(unlocked.value).toBe("unlocked");
    expect(unlocked.status).toBe("done");
    expect((await engine.directory.getUser("erin"))?.locked).toBe(false);
  });
});

afterAll(() => log.expectAllTaken(resetMachine));

describe("connectReset", () => {
  it("gives a template the step, the busy flag, the methods and actions, never state names", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { actor } = await driver("in-process", engine);
    const view = () => connectReset(actor.getSnapshot(), actor.send);
    expect(view()).toMatchObject({ step: "identify", busy: false, methods: [] });
    view().identify("anna");
    expect(view().busy).toBe(true);
    await waitFor(actor, (s) => s.value === "chooseMethod");
    expect(view().step).toBe("choose-method");
    expect(view().methods.map((m) => m.kind)).toEqual(["email", "phone"]);
    view().selectMethod(view().methods[0]?.id ?? "");
    expect(view()).toMatchObject({ step: "confirm-contact", selectedMethod: { kind: "email" } });
    expect(
      view()
        .checkPassword("short")
        .results.find((r) => r.rule === "length")?.passed,
    ).toBe(false);
    expect(view().checkPassword("correct horse battery staple").ok).toBe(true);
    expect(view().helpdesk).toEqual({ kind: "none" });
  });
});
