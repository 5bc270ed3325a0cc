import { describe, expect, it } from "vitest";
import {
  ANNA_EMAIL,
  annaAwaitingEmailCode,
  createTestEngine,
  NEW_PASSWORD,
  problemOf,
  withRegisteredAnna,
} from "./fixtures.js";

const wrong = (code: string) => (code === "00000000" ? "11111111" : "00000000");

describe("one-time codes", () => {
  it("are uniform digits of the policy's length", async () => {
    const engine = await createTestEngine({
      policy: { codes: { length: 6, lifetimeMinutes: 10 } },
    });
    await withRegisteredAnna(engine);
    const digits = new Map<string, number>();
    for (let i = 0; i < 8; i++) {
      engine.clock.advance(3_600_000); // past the hourly send limit
      const pending = await engine
        .as("anna")
        .addContactMethod({ kind: "email", value: `a${i}@example.org` });
      const code = await engine.codeSentTo(`a${i}@example.org`);
      expect(code).toMatch(/^\d{6}$/);
      expect(pending.pendingId.length).toBeGreaterThanOrEqual(22);
      for (const d of code) digits.set(d, (digits.get(d) ?? 0) + 1);
    }
    expect(digits.size).toBeGreaterThan(5);
  });

  it("are never stored raw: not in the store before or after delivery", async () => {
    const engine = await createTestEngine();
    const { flowId } = await annaAwaitingEmailCode(engine);
    const before = JSON.stringify(engine.store.tables());
    const code = await engine.codeSentTo(ANNA_EMAIL);
    const after = JSON.stringify(engine.store.tables());
    expect(before).not.toContain(code);
    expect(after).not.toContain(code);
    expect(before).not.toContain(flowId);
    expect(before).not.toContain('anna.private@example.org","subject');
  });

  it("die after five wrong tries, and the flow must start again", async () => {
    // A budget of failures larger than the code's tries, so the code dies before anna is blocked.
    const engine = await createTestEngine({ limits: { verifyFailuresPerHour: 10 } });
    const { api, flowId } = await annaAwaitingEmailCode(engine);
    const code = await engine.codeSentTo(ANNA_EMAIL);
    for (let i = 1; i <= 4; i++)
      expect(await problemOf(api.verifyCode({ flowId, code: wrong(code) }))).toBe("code-invalid");
    expect(await problemOf(api.verifyCode({ flowId, code: wrong(code) }))).toBe(
      "attempts-exceeded",
    );
    expect(await problemOf(api.verifyCode({ flowId, code }))).toBe("attempts-exceeded");
    expect(await problemOf(api.completeReset({ flowId, newPassword: NEW_PASSWORD }))).toBe(
      "attempts-exceeded",
    );
  });

  it("report how many tries are left", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaAwaitingEmailCode(engine);
    const code = await engine.codeSentTo(ANNA_EMAIL);
    await expect(api.verifyCode({ flowId, code: wrong(code) })).rejects.toMatchObject({
      problem: { attemptsLeft: 4 },
    });
  });

  it("expire after the policy's lifetime", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaAwaitingEmailCode(engine);
    const code = await engine.codeSentTo(ANNA_EMAIL);
    engine.clock.advance(10 * 60_000);
    expect(await problemOf(api.verifyCode({ flowId, code }))).toBe("code-expired");
  });

  it("are voided by a resend, which waits 30 seconds", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaAwaitingEmailCode(engine);
    const first = await engine.codeSentTo(ANNA_EMAIL);
    expect(await problemOf(api.resendCode({ flowId }))).toBe("throttled");
    engine.clock.advance(30_000);
    await api.resendCode({ flowId });
    const second = await engine.codeSentTo(ANNA_EMAIL);
    if (first !== second)
      expect(await problemOf(api.verifyCode({ flowId, code: first }))).toBe("code-invalid");
    expect((await api.verifyCode({ flowId, code: second })).step).toBe("new-password");
  });

  it("are bound to their flow: a code from one flow does not verify another", async () => {
    const engine = await createTestEngine();
    const one = await annaAwaitingEmailCode(engine);
    const codeOne = await engine.codeSentTo(ANNA_EMAIL);
    const flow = await engine.startReset("anna", one.api);
    await one.api.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods[0]?.id ?? "",
      contact: ANNA_EMAIL,
    });
    expect(await problemOf(one.api.verifyCode({ flowId: flow.flowId, code: codeOne }))).toBe(
      "code-invalid",
    );
  });

  it("are single use under 20 concurrent submissions of the right code", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaAwaitingEmailCode(engine);
    const code = await engine.codeSentTo(ANNA_EMAIL);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => api.verifyCode({ flowId, code })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("go out only when the typed contact matches, with the same answer either way", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    const methodId = flow.methods[0]?.id ?? "";
    const mismatch = await api.chooseMethod({
      flowId: flow.flowId,
      methodId,
      contact: "someone.else@example.org",
    });
    await engine.service.outbox.runOnce();
    expect(
      engine.delivery.sent.filter((m) => m.subject.includes("verification code")),
    ).toHaveLength(2); // registration codes only
    expect(mismatch.step).toBe("enter-code");
    expect(Object.keys(mismatch.active ?? {})).toEqual([
      "methodId",
      "channel",
      "codeExpiresAt",
      "resendAvailableAt",
      "questions",
    ]);
  });
});
