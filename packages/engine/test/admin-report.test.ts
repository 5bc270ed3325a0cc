import { auditCsv } from "@sspr/core";
import { describe, expect, it } from "vitest";
import {
  ANNA_EMAIL,
  annaReadyForPassword,
  createTestEngine,
  NEW_PASSWORD,
  problemOf,
  withRegisteredAnna,
} from "./fixtures.js";

const today = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("reports", () => {
  it("count registration and each day's resets by method, failures, throttles and admin resets", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaReadyForPassword(engine);
    await api.completeReset({ flowId, newPassword: NEW_PASSWORD });
    await engine.registerContact("carl", "email", "carl@example.org");
    // A wrong code for carl's reset, and an admin reset.
    const carl = engine.anonymous("198.51.100.9");
    const flow = await engine.startReset("carl@contoso.com", carl);
    await carl.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods[0]?.id ?? "",
      contact: "carl@example.org",
    });
    expect(await problemOf(carl.verifyCode({ flowId: flow.flowId, code: "00000000" }))).toBe(
      "code-invalid",
    );
    await engine.admin.resetUserPassword({ userId: "carl", mode: "temporary" });
    // Eleven starts in a minute from one address: the last is throttled.
    const busy = engine.anonymous("198.51.100.66");
    for (let i = 0; i < 10; i++) await engine.startReset("nobody", busy);
    expect(await problemOf(engine.startReset("nobody", busy))).toBe("throttled");

    const day = today(engine.clock.now());
    const report = await engine.admin.getUsageReport({ from: day, to: day });
    expect(report.registration).toEqual({
      users: 4,
      registered: 2,
      byKind: { email: 2, phone: 1, app: 0, questions: 0 },
    });
    expect(report.days).toEqual([
      {
        day,
        byMethod: { email: 1, sms: 0, voice: 0, app: 0, questions: 0 },
        resets: 1,
        unlocks: 0,
        failedVerifications: 1,
        throttled: 1,
        adminResets: 1,
      },
    ]);
    const week = await engine.admin.getUsageReport({ from: "2026-01-01", to: "2026-01-07" });
    expect(week.days.map((d) => d.day)).toHaveLength(7);
    expect(await problemOf(engine.admin.getUsageReport({ from: day, to: "2000-01-01" }))).toBe(
      "invalid-request",
    );
    expect(await problemOf(engine.as("anna").getUsageReport({ from: day, to: day }))).toBe(
      "forbidden",
    );
  });

  it("filter the audit trail by actor, subject, event and time, page it, and export it as CSV", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    await engine.admin.resetUserPassword({ userId: "anna", mode: "temporary" });
    await engine.admin.resetUserPassword({ userId: "carl", mode: "temporary" });
    const byBob = await engine.admin.listAuditEvents({
      actor: "bob",
      type: "admin.",
      offset: 0,
      limit: 1,
    });
    expect(byBob.entries.map((e) => [e.type, e.subject])).toEqual([
      ["admin.password-reset", "carl"],
    ]);
    expect(byBob.more).toBe(true);
    const anna = await engine.admin.listAuditEvents({ subject: "anna", offset: 0, limit: 100 });
    expect(anna.more).toBe(false);
    expect(anna.entries.map((e) => e.type)).toContain("registration.method-added");
    const future = new Date(engine.clock.now() + 60_000).toISOString();
    expect(
      (await engine.admin.listAuditEvents({ from: future, offset: 0, limit: 10 })).entries,
    ).toEqual([]);

    const csv = auditCsv(byBob.entries);
    expect(csv.split("\r\n")[0]).toBe("time,event,actor,subject,outcome,detail");
    expect(csv).toContain(
      ",admin.password-reset,bob,carl,success,mode=temporary; emailed=false; bulk=false",
    );
    expect(JSON.stringify(anna)).not.toContain(ANNA_EMAIL);
  });

  it("keep spreadsheet formulas out of the CSV", () => {
    const csv = auditCsv([
      {
        id: "1",
        at: "2026-01-01T00:00:00.000Z",
        type: "x",
        actor: "=cmd|' /C calc'!A0",
        subject: 'a,"b"',
        outcome: "success",
        detail: {},
      },
    ]);
    expect(csv.split("\r\n")[1]).toBe(
      `2026-01-01T00:00:00.000Z,x,'=cmd|' /C calc'!A0,"a,""b""",success,`,
    );
  });
});
