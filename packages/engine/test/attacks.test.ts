import type { ResetFlow } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { ANNA_EMAIL, createTestEngine, problemOf, type TestEngine } from "./fixtures.js";

/** An address of its own for each start, so the per-address start throttle stays out of it. */
let address = 0;
const start = (engine: TestEngine, identifier: string) =>
  engine.startReset(identifier, engine.anonymous(`198.18.${address >> 8}.${address++ & 255}`));

/** Chooses the flow's first email method (or its first method) with a typed contact. */
async function chooseEmail(engine: TestEngine, flow: ResetFlow, contact: string) {
  const method = flow.methods.find((m) => m.kind === "email") ?? flow.methods[0];
  return problemOf(
    engine.anonymous().chooseMethod({ flowId: flow.flowId, methodId: method?.id ?? "", contact }),
  ).catch(() => "sent");
}

/** The answers of six code requests for an identifier, each in a flow of its own. */
async function sixSends(engine: TestEngine, identifier: string, contact: string) {
  const answers: string[] = [];
  for (let i = 0; i < 6; i++)
    answers.push(await chooseEmail(engine, await start(engine, identifier), contact));
  return answers;
}

/** Adds a person to the directory, signed in as `id@contoso.com`. */
const addPerson = (engine: TestEngine, id: string, isAdmin: boolean) =>
  engine.directory.addUser(
    {
      id,
      identifiers: [`${id}@contoso.com`],
      displayName: id,
      groups: [isAdmin ? "it" : "staff"],
      isAdmin,
      disabled: false,
      locked: false,
    },
    "an old password for everyone",
  );

/** Total variation distance between two samples' distributions of a category. */
function distance(a: string[], b: string[]): number {
  const share = (xs: string[], k: string) => xs.filter((x) => x === k).length / xs.length;
  const keys = new Set([...a, ...b]);
  return [...keys].reduce((sum, k) => sum + Math.abs(share(a, k) - share(b, k)), 0) / 2;
}

describe("an outside attacker", () => {
  it("sees the sixth code request refused alike for a real user, a decoy and a wrong contact, and a wrong contact spends none of the real one's sends", async () => {
    const engine = await createTestEngine();
    await engine.registerContact("anna", "email", ANNA_EMAIL);
    const refusedSixth = ["sent", "sent", "sent", "sent", "sent", "throttled"];
    expect(await sixSends(engine, "nobody@contoso.com", "x@example.org")).toEqual(refusedSixth);
    expect(await sixSends(engine, "anna", "wrong@example.org")).toEqual(refusedSixth);
    // The wrong contact's six spent nothing of Anna's own: her code still goes out, five times.
    expect(await sixSends(engine, "anna", ANNA_EMAIL)).toEqual(refusedSixth);
    await engine.service.outbox.runOnce();
    expect(engine.delivery.sent.filter((m) => m.to === ANNA_EMAIL)).toHaveLength(1 + 5);
  });

  it("is asked a decoy's questions from a stable set of the registered size, as a real user is", async () => {
    const engine = await createTestEngine({
      policy: {
        methods: { email: true, sms: true, voice: false, app: true, questions: true },
        securityQuestions: { toRegister: 4, toAsk: 3, custom: [] },
      },
    });
    await engine.registerContact("anna", "email", ANNA_EMAIL);
    await engine.as("anna").setSecurityQuestions({
      answers: [
        { questionId: "first-school", answer: "De Regenboog" },
        { questionId: "first-pet", answer: "Pluis" },
        { questionId: "childhood-friend", answer: "Sanne" },
        { questionId: "first-car", answer: "Kever" },
      ],
    });
    const asked = async (identifier: string) => {
      const seen = new Set<string>();
      for (let i = 0; i < 8; i++) {
        const flow = await start(engine, identifier);
        const questions = flow.methods.find((m) => m.kind === "questions");
        if (!questions) return null;
        const chosen = await engine
          .anonymous()
          .chooseMethod({ flowId: flow.flowId, methodId: questions.id });
        for (const q of chosen.active?.questions ?? []) seen.add(q.id);
      }
      return seen.size;
    };
    expect(await asked("anna")).toBe(4);
    // Decoys copy the one registered set here, so every decoy that offers questions shows its 4.
    const decoys = [];
    for (let i = 0; i < 12; i++) decoys.push(await asked(`someone${i}@contoso.com`));
    const offering = decoys.filter((n) => n !== null);
    expect(offering.length).toBeGreaterThan(0);
    for (const n of offering) expect(n).toBe(4);
  });

  it("cannot tell decoys from real users by the distribution of method sets and hints", async () => {
    const engine = await createTestEngine();
    const real: string[] = [];
    for (let i = 0; i < 24; i++) {
      const id = `user${i}`;
      await addPerson(engine, id, false);
      // A third start with a digit, a third have two addresses, some a phone as well.
      await engine.registerContact(id, "email", `${i % 3 === 0 ? i : "m"}x${i}@example.org`);
      if (i % 3 === 1) await engine.registerContact(id, "email", `second${i}@example.net`);
      if (i % 4 === 0)
        await engine.registerContact(id, "phone", `+3161234${String(i).padStart(4, "0")}`);
      real.push(`${id}@contoso.com`);
    }
    const shapeOf = (flow: ResetFlow) => flow.methods.map((m) => m.kind).join("+");
    const firstChars = (flow: ResetFlow) =>
      flow.methods
        .filter((m) => m.kind === "email")
        .map((m) => (/^\d/.test(m.hint) ? "digit" : "letter"));
    const realFlows = await Promise.all(real.map((id) => start(engine, id)));
    const decoyFlows = [];
    for (let i = 0; i < 120; i++) decoyFlows.push(await start(engine, `unknown${i}@contoso.com`));
    const [realShapes, decoyShapes] = [realFlows.map(shapeOf), decoyFlows.map(shapeOf)];
    expect(distance(realShapes, decoyShapes)).toBeLessThan(0.25);
    expect(decoyShapes.some((s) => s.startsWith("email+email"))).toBe(true);
    expect(distance(realFlows.flatMap(firstChars), decoyFlows.flatMap(firstChars))).toBeLessThan(
      0.2,
    );
    // Response sizes say nothing either: each shape has the sizes a real user's has.
    const size = (flow: ResetFlow) =>
      `${shapeOf(flow)}:${JSON.stringify({ ...flow, flowId: "", expiresAt: "", methods: flow.methods.map((m) => ({ ...m, id: "" })) }).length}`;
    const realSizes = new Set(realFlows.map(size));
    for (const flow of decoyFlows) expect(realSizes).toContain(size(flow));
  });

  it("sees an unregistered administrator's decoy with two methods or more, as every real administrator's", async () => {
    const engine = await createTestEngine();
    await engine.registerContact("anna", "email", ANNA_EMAIL);
    for (let i = 0; i < 10; i++) {
      const id = `admin${i}`;
      await addPerson(engine, id, true);
      // Registered with one method only: below what an administrator needs.
      await engine.registerContact(id, "email", `a${i}@example.org`);
      const decoy = await start(engine, `${id}@contoso.com`);
      expect(decoy.methods.length).toBeGreaterThanOrEqual(2);
      expect(decoy.methods.map((m) => m.kind)).not.toContain("questions");
    }
  });

  it("compares at most five of 50 parallel wrong codes on one flow, and then every code, right or wrong, gets the same answer", async () => {
    const engine = await createTestEngine();
    await engine.registerContact("anna", "email", ANNA_EMAIL);
    const flow = await start(engine, "anna");
    await engine.anonymous().chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods[0]?.id ?? "",
      contact: ANNA_EMAIL,
    });
    const right = await engine.codeSentTo(ANNA_EMAIL);
    const wrong = right === "00000000" ? "00000001" : "00000000";
    // The right code rides last in the burst: by then the code is dead, and it must say so
    // exactly as a wrong one would (not "already used", not verified). The fifth failure also
    // spends anna's hourly budget, and says so: the reset is blocked.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        problemOf(
          engine.anonymous().verifyCode({ flowId: flow.flowId, code: i === 49 ? right : wrong }),
        ),
      ),
    );
    expect(answers.filter((a) => a === "code-invalid")).toHaveLength(4);
    expect(answers.filter((a) => a === "throttled")).toHaveLength(1);
    expect(answers.filter((a) => a === "attempts-exceeded")).toHaveLength(45);
    expect(answers[49]).toBe("attempts-exceeded");
    const compared = await engine.store.listAudit({ type: "reset.verify-failed" });
    expect(compared).toHaveLength(5);
    for (const code of [right, wrong])
      expect(await problemOf(engine.anonymous().verifyCode({ flowId: flow.flowId, code }))).toBe(
        "throttled",
      );
  });

  it("compares at most the user's five an hour of 10 authenticator flows × 5 guesses sent at once", async () => {
    const engine = await createTestEngine();
    await engine.registerContact("anna", "email", ANNA_EMAIL);
    const { codeAt } = await engine.registerApp("anna");
    const right = codeAt();
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const flows = [];
    for (let i = 0; i < 10; i++) {
      const flow = await start(engine, "anna");
      const app = flow.methods.find((m) => m.kind === "app");
      await engine.anonymous().chooseMethod({ flowId: flow.flowId, methodId: app?.id ?? "" });
      flows.push(flow.flowId);
    }
    await Promise.all(
      flows.flatMap((flowId) =>
        Array.from({ length: 5 }, () =>
          problemOf(engine.anonymous().verifyCode({ flowId, code: wrong })),
        ),
      ),
    );
    expect(await engine.store.listAudit({ type: "reset.verify-failed" })).toHaveLength(5);
    // Blocked now: the right code is refused like any other.
    expect(["throttled", "attempts-exceeded"]).toContain(
      await problemOf(engine.anonymous().verifyCode({ flowId: flows[0] ?? "", code: right })),
    );
    expect(await problemOf(start(engine, "anna"))).toBe("throttled");
  });

  it("with a session, compares at most five of 50 parallel wrong codes for an address being registered", async () => {
    const engine = await createTestEngine();
    const api = engine.as("anna");
    const pending = await api.addContactMethod({ kind: "email", value: "victim@example.org" });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        problemOf(
          api.verifyContactMethod({
            pendingId: pending.pendingId,
            code: String(i).padStart(8, "0"),
          }),
        ),
      ),
    );
    expect(answers.filter((a) => a === "code-invalid")).toHaveLength(4);
    expect(answers.filter((a) => a === "attempts-exceeded")).toHaveLength(answers.length - 4);
    expect((await api.getRegistration()).methods.map((m) => m.hint)).toEqual([]);
  });
});
