import { type Problem, type SsprApi, SsprProblem } from "@sspr/core";
import { describe, expect, it } from "vitest";
import {
  ANNA_EMAIL,
  createHttpFixture,
  createTestEngine,
  type TestEngine,
  withRegisteredAnna,
} from "./fixtures.js";

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Expects a throttled answer that tells the time left: `seconds`, less the few each answer's
 * padding (200 ms of the engine's clock) took meanwhile.
 */
function throttledFor(seconds: number) {
  return {
    code: "throttled",
    retryAfterSeconds: expect.toSatisfy((left: number) => left <= seconds && left > seconds - 3),
  };
}

/** The problem a call failed with (it must fail). */
async function problem(call: Promise<unknown>): Promise<Problem> {
  try {
    await call;
  } catch (error) {
    if (error instanceof SsprProblem) return error.problem;
    throw error;
  }
  throw new Error("Expected a problem, got success");
}

/** Anna's reset waiting for the code sent to her email address, from a fresh client address. */
async function awaitingCode(engine: TestEngine, api: SsprApi, address: string) {
  const flow = await engine.startReset("anna", engine.anonymous(address));
  await api.chooseMethod({
    flowId: flow.flowId,
    methodId: flow.methods[0]?.id ?? "",
    contact: ANNA_EMAIL,
  });
  return flow.flowId;
}

/** Sends one right code `times` at once: one verifies, every other is answered as used. */
async function oneVerifiesTheRestUsed(api: SsprApi, flowId: string, code: string, times: number) {
  const answers = await Promise.allSettled(
    Array.from({ length: times }, () => api.verifyCode({ flowId, code })),
  );
  expect(answers.filter((a) => a.status === "fulfilled")).toHaveLength(1);
  for (const answer of answers)
    if (answer.status === "rejected") expect((answer.reason as SsprProblem).code).toBe("code-used");
}

/** Anna's hourly budget is whole: a wrong code in a new reset leaves 4 tries. */
async function nothingCounted(engine: TestEngine, api: SsprApi) {
  const next = await awaitingCode(engine, api, "203.0.113.9");
  expect(await problem(api.verifyCode({ flowId: next, code: "00000001" }))).toMatchObject({
    attemptsLeft: 4,
  });
}

describe("throttles explain themselves", () => {
  it("count tries left from the user's hourly budget when it is smaller, and warn of the block", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    // One typo in an earlier reset spends one of the five failures an hour.
    const earlier = await awaitingCode(engine, api, "203.0.113.1");
    expect(await problem(api.verifyCode({ flowId: earlier, code: "00000001" }))).toMatchObject({
      code: "code-invalid",
      attemptsLeft: 4,
      blockSeconds: DAY,
    });
    const flowId = await awaitingCode(engine, api, "203.0.113.2");
    const right = await engine.codeSentTo(ANNA_EMAIL);
    for (const attemptsLeft of [3, 2, 1])
      expect(await problem(api.verifyCode({ flowId, code: "00000001" }))).toMatchObject({
        code: "code-invalid",
        attemptsLeft,
        blockSeconds: DAY,
      });
    // The last try of the budget blocks for the block's length, and says so.
    expect(await problem(api.verifyCode({ flowId, code: "00000001" }))).toMatchObject({
      code: "throttled",
      retryAfterSeconds: DAY,
    });
    engine.clock.advance(600_000);
    expect(await problem(api.verifyCode({ flowId, code: right }))).toMatchObject(
      throttledFor(DAY - 600),
    );
    engine.clock.advance(2 * HOUR * 1000);
    expect(await problem(engine.startReset("anna", engine.anonymous("203.0.113.3")))).toMatchObject(
      throttledFor(DAY - 600 - 2 * HOUR),
    );
  });

  it("tell how long the send limit lasts: until its hour ends", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flowId = await awaitingCode(engine, api, "203.0.113.1");
    for (let i = 0; i < 4; i++) {
      engine.clock.advance(30_000);
      await api.resendCode({ flowId });
    }
    engine.clock.advance(30_000);
    expect(await problem(api.resendCode({ flowId }))).toMatchObject(throttledFor(HOUR - 150));
  });

  it("tell how long the start limit lasts: until its minute ends", async () => {
    const engine = await createTestEngine();
    const api = engine.anonymous("192.0.2.50");
    for (let i = 0; i < 10; i++) await engine.startReset(`user${i}`, api);
    engine.clock.advance(20_000);
    expect(await problem(engine.startReset("user11", api))).toMatchObject(throttledFor(40));
  });

  it("send the time left as Retry-After over HTTP, for every limit", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const http = createHttpFixture(engine);
    const api = http.api();
    const flowId = await awaitingCode(engine, api, "203.0.113.1");
    for (let i = 0; i < 4; i++) await problem(api.verifyCode({ flowId, code: "00000001" }));
    const blocked = await http.call(
      new Request("http://portal.test/sspr/reset/verify-code", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ flowId, code: "00000001" }),
      }),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe(String(DAY));
    expect(await blocked.json()).toMatchObject({ code: "throttled", retryAfterSeconds: DAY });
  });

  it("answer the code that just verified, sent again, as used, and count no failure", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flowId = await awaitingCode(engine, api, "203.0.113.1");
    const code = await engine.codeSentTo(ANNA_EMAIL);
    expect((await api.verifyCode({ flowId, code })).step).toBe("new-password");
    for (let i = 0; i < 5; i++)
      expect(await problem(api.verifyCode({ flowId, code }))).toMatchObject({ code: "code-used" });
    // None of the five spent the hourly budget.
    await nothingCounted(engine, api);
  });

  it("answer parallel duplicates of one right code as used, one verifying, none failing", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flowId = await awaitingCode(engine, api, "203.0.113.1");
    const code = await engine.codeSentTo(ANNA_EMAIL);
    await oneVerifiesTheRestUsed(api, flowId, code, 6);
    await nothingCounted(engine, api);
  });

  it("answer the same authenticator code twice, in turn or in parallel, as used, and count no failure", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { codeAt } = await engine.registerApp("anna");
    const api = engine.anonymous();
    const appFlow = async (address: string) => {
      const flow = await engine.startReset("anna", engine.anonymous(address));
      const methodId = flow.methods.find((m) => m.kind === "app")?.id ?? "";
      await api.chooseMethod({ flowId: flow.flowId, methodId });
      return flow.flowId;
    };
    const first = await appFlow("203.0.113.1");
    const code = codeAt();
    await oneVerifiesTheRestUsed(api, first, code, 4);
    expect(await problem(api.verifyCode({ flowId: first, code }))).toMatchObject({
      code: "code-used",
    });
    // The step stays used in a new flow too, still without a failure.
    const second = await appFlow("203.0.113.2");
    expect(await problem(api.verifyCode({ flowId: second, code }))).toMatchObject({
      code: "code-used",
    });
    expect(await problem(api.verifyCode({ flowId: second, code: "000000" }))).toMatchObject({
      code: "code-invalid",
      attemptsLeft: 4,
    });
  });
});
