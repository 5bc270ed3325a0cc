import type { SsprApi } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { createTestEngine, withRegisteredAnna } from "./fixtures.js";

describe("bad input", () => {
  it("gets an invalid-request problem naming the field, and changes nothing", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = engine.anonymous();
    const flow = await engine.startReset("anna", api);
    const anna = engine.as("anna");
    const before = JSON.stringify(engine.store.tables());
    const calls: [string, (api: SsprApi) => Promise<unknown>][] = [
      ["identifier", (a) => a.startReset({ identifier: "", botProof: "x" })],
      ["identifier", (a) => a.startReset({ identifier: "x".repeat(300), botProof: "x" })],
      ["botProof", (a) => a.startReset({ identifier: "anna" } as never)],
      ["", (a) => a.startReset({ identifier: "anna", botProof: "x", extra: 1 } as never)],
      ["flowId", (a) => a.chooseMethod({ flowId: "short", methodId: "m" })],
      ["code", (a) => a.verifyCode({ flowId: flow.flowId, code: "12ab" })],
      ["code", (a) => a.verifyCode({ flowId: flow.flowId, code: 12345678 } as never)],
      [
        "newPassword",
        (a) => a.completeReset({ flowId: flow.flowId, newPassword: "x".repeat(2000) }),
      ],
      ["answers", (a) => a.answerQuestions({ flowId: flow.flowId, answers: [] })],
      [
        "methodId",
        (a) => a.chooseMethod({ flowId: flow.flowId, methodId: "not-a-method", contact: "a@b.nl" }),
      ],
      [
        "contact",
        (a) => a.chooseMethod({ flowId: flow.flowId, methodId: flow.methods[0]?.id ?? "" }),
      ],
      ["value", () => anna.addContactMethod({ kind: "email", value: "not an email" })],
      ["kind", () => anna.addContactMethod({ kind: "fax", value: "123456" } as never)],
      ["answers", () => anna.setSecurityQuestions({ answers: "none" } as never)],
      ["", (a) => a.startReset(null as never)],
    ];
    for (const [path, call] of calls) {
      await expect(call(api), path).rejects.toMatchObject({
        problem: { code: "invalid-request", status: 400 },
      });
      try {
        await call(api);
      } catch (error) {
        const errors = (error as { problem: { errors?: { path: string }[] } }).problem.errors ?? [];
        if (path)
          expect(
            errors.map((e) => e.path),
            path,
          ).toContain(path);
      }
    }
    expect(JSON.stringify(engine.store.tables())).toBe(before);
  });
});
