import { type BulkProgress, defaultPolicy, type SsprApi } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { createArgon2Hasher } from "../src/hashers/argon2-hasher.js";
import {
  ANNA_EMAIL,
  createHttpFixture,
  createTestEngine,
  invitationSentTo,
  NEW_PASSWORD,
  oldPassword,
  problemOf,
  withRegisteredAnna,
} from "./fixtures.js";

const DAY = 86_400_000;

/** Everything a stream yielded. */
async function collect(stream: AsyncIterable<BulkProgress>): Promise<BulkProgress[]> {
  const lines: BulkProgress[] = [];
  for await (const line of stream) lines.push(line);
  return lines;
}

describe("administrators' password operations", () => {
  it("list users with their registration, last reset and password state, searching and paging", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const page = await engine.admin.listUsers({ offset: 0, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.users.map((u) => u.id)).toEqual(["anna", "bob"]);
    expect(page.users[0]).toMatchObject({
      registered: ["email", "phone"],
      registrationDue: "none",
      lastResetAt: null,
      password: { state: "ok", expiresAt: null, neverExpires: false },
    });
    expect(page.users[1]?.registrationDue).toBe("register");
    const erin = await engine.admin.listUsers({ search: "LOCKED", offset: 0, limit: 10 });
    expect(erin.users.map((u) => [u.id, u.locked])).toEqual([["erin", true]]);
    expect(await problemOf(engine.as("anna").listUsers({ offset: 0, limit: 10 }))).toBe(
      "forbidden",
    );
    expect(await problemOf(engine.anonymous().listUsers({ offset: 0, limit: 10 }))).toBe(
      "unauthenticated",
    );
  });

  it("send an invitation by default: it starts the user's own reset at the new password, once", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const result = await engine.admin.resetUserPassword({ userId: "anna", mode: "invitation" });
    expect(result).toEqual({ userId: "anna", outcome: "done", sentTo: ["a•••@e•••", "•••• ••78"] });
    const token = await invitationSentTo(engine, ANNA_EMAIL);
    // The administrator never sees the link, and the store keeps only its hash.
    expect(JSON.stringify(result)).not.toContain(token);
    expect(JSON.stringify(engine.store.tables())).not.toContain(token);
    expect(await engine.directory.verifyPassword("anna", oldPassword("anna"))).toBe(true);

    const api = engine.anonymous();
    const flow = await api.redeemInvitation({ invitation: token });
    expect(flow).toMatchObject({ step: "new-password", methods: [], canUnlock: false });
    const done = await api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD });
    expect(done.step).toBe("done");
    expect(await engine.directory.verifyPassword("anna", NEW_PASSWORD)).toBe(true);
    expect(await problemOf(api.redeemInvitation({ invitation: token }))).toBe("flow-expired");
    const [completed] = await engine.store.listAudit({ type: "reset.completed" });
    expect(completed?.detail.via).toBe("invitation");
  });

  it("need an address for an invitation to someone with nothing registered; invitations expire", async () => {
    const engine = await createTestEngine();
    expect(
      await problemOf(engine.admin.resetUserPassword({ userId: "carl", mode: "invitation" })),
    ).toBe("invalid-request");
    await engine.admin.resetUserPassword({
      userId: "carl",
      mode: "invitation",
      sendTo: "carl.home@example.org",
    });
    const token = await invitationSentTo(engine, "carl.home@example.org");
    engine.clock.advance(24 * 3_600_000);
    expect(await problemOf(engine.anonymous().redeemInvitation({ invitation: token }))).toBe(
      "flow-expired",
    );
    const failed = await engine.store.listAudit({ type: "admin.invitation-sent" });
    expect(failed.map((e) => e.outcome)).toEqual(["success", "failure"]);
  });

  it("show a generated temporary password once and require a change at next sign-in", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const result = await engine.admin.resetUserPassword({
      userId: "anna",
      mode: "temporary",
      sendTo: "anna.home@example.org",
    });
    const temporary = result.temporaryPassword ?? "";
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await engine.directory.verifyPassword("anna", temporary)).toBe(true);
    expect(await engine.directory.getPasswordState("anna")).toMatchObject({ mustChange: true });
    expect(
      (await engine.admin.listUsers({ search: "anna", offset: 0, limit: 1 })).users[0]?.password
        .state,
    ).toBe("must-change");
    await engine.service.outbox.runOnce();
    const sent = engine.delivery.sent;
    expect(sent.find((m) => m.to === "anna.home@example.org")?.text).toContain(temporary);
    expect(sent.filter((m) => m.to === ANNA_EMAIL).at(-1)?.subject).toBe(
      "Your password was reset by an administrator",
    );
    // Shown once: neither the store nor the audit trail keeps it.
    expect(JSON.stringify(engine.store.tables())).not.toContain(temporary);
    const second = await engine.admin.resetUserPassword({ userId: "anna", mode: "temporary" });
    expect(second.temporaryPassword).not.toBe(temporary);
  });

  it("reset the way the policy allows: temporary passwords can be turned off, typed ones must be turned on", async () => {
    const strict = await createTestEngine({
      policy: { adminReset: { temporaryPassword: false, chosenPassword: false } },
    });
    expect(
      await problemOf(strict.admin.resetUserPassword({ userId: "anna", mode: "temporary" })),
    ).toBe("forbidden");
    expect(
      await problemOf(
        strict.admin.resetUserPassword({ userId: "anna", mode: "chosen", password: NEW_PASSWORD }),
      ),
    ).toBe("forbidden");

    const open = await createTestEngine({
      policy: { adminReset: { temporaryPassword: true, chosenPassword: true } },
    });
    expect(
      await problemOf(
        open.admin.resetUserPassword({ userId: "anna", mode: "chosen", password: "anna" }),
      ),
    ).toBe("password-rejected");
    const done = await open.admin.resetUserPassword({
      userId: "anna",
      mode: "chosen",
      password: NEW_PASSWORD,
    });
    expect(done).toEqual({ userId: "anna", outcome: "done" });
    expect(await open.directory.verifyPassword("anna", NEW_PASSWORD)).toBe(true);
    expect(await open.directory.getPasswordState("anna")).toMatchObject({ mustChange: true });
  });

  it("never reset the administrator's own password; resetting another administrator tells every administrator", async () => {
    const engine = await createTestEngine();
    expect(
      await problemOf(engine.admin.resetUserPassword({ userId: "bob", mode: "temporary" })),
    ).toBe("forbidden");
    await engine.directory.addUser(
      {
        id: "ada",
        identifiers: ["ada@contoso.com"],
        displayName: "Ada Admin",
        groups: ["it"],
        isAdmin: true,
        disabled: false,
        locked: false,
      },
      oldPassword("ada"),
    );
    await engine.registerContact("bob", "email", "bob.private@example.org");
    await engine.admin.resetUserPassword({ userId: "ada", mode: "temporary" });
    await engine.service.outbox.runOnce();
    const notice = engine.delivery.sent.filter((m) => m.to === "bob.private@example.org").at(-1);
    expect(notice?.text).toContain("reset the password of administrator Ada Admin");
    const audit = await engine.store.listAudit({ type: "admin.password-reset" });
    expect(audit.map((e) => [e.actor, e.subject, e.outcome])).toEqual([
      ["bob", "ada", "success"],
      ["bob", "bob", "failure"],
    ]);
  });

  it("force a change at next sign-in for a selection or everyone but the administrator", async () => {
    const engine = await createTestEngine();
    const some = await collect(engine.admin.forcePasswordChange({ userIds: ["anna", "nobody"] }));
    expect(some).toEqual([
      { type: "start", total: 2 },
      { type: "result", index: 0, result: { userId: "anna", outcome: "done" } },
      {
        type: "result",
        index: 1,
        result: { userId: "nobody", outcome: "failed", reason: "not-found" },
      },
      { type: "end", done: 1, skipped: 0, failed: 1 },
    ]);
    const all = await collect(engine.admin.forcePasswordChange({ all: true }));
    expect(all.at(-1)).toEqual({ type: "end", done: 4, skipped: 1, failed: 0 });
    expect(await engine.directory.getPasswordState("bob")).toMatchObject({ mustChange: false });
    expect(await engine.directory.getPasswordState("carl")).toMatchObject({ mustChange: true });
  });

  it("report expired and soon-expiring passwords, with a per-user exception", async () => {
    const engine = await createTestEngine({
      policy: {
        password: {
          ...defaultPolicy.password,
          expiryDays: 90,
          warningDays: 14,
        },
      },
    });
    expect(await engine.as("anna").getPasswordStatus()).toMatchObject({ state: "ok" });
    engine.clock.advance(80 * DAY);
    expect(await engine.as("anna").getPasswordStatus()).toMatchObject({ state: "expires-soon" });
    engine.clock.advance(10 * DAY);
    expect(await engine.as("anna").getPasswordStatus()).toMatchObject({ state: "expired" });
    const exempt = await engine.admin.setPasswordNeverExpires({
      userId: "anna",
      neverExpires: true,
    });
    expect(exempt.password).toMatchObject({ state: "ok", expiresAt: null, neverExpires: true });
    expect(await engine.as("anna").getPasswordStatus()).toMatchObject({ state: "ok" });
    await engine.admin.setPasswordNeverExpires({ userId: "anna", neverExpires: false });
    expect(await engine.as("anna").getPasswordStatus()).toMatchObject({ state: "expired" });
  });

  it("bulk-reset 1,000 users in one streamed request, a result per user as it ends", async () => {
    // Real argon2 at a low cost: this measures the stream, not 2,000 hashes at full cost.
    const engine = await createTestEngine({
      hasher: createArgon2Hasher({ memoryCost: 64, timeCost: 1 }),
    });
    for (let i = 0; i < 1000; i++)
      await engine.directory.addUser(
        {
          id: `user${String(i).padStart(4, "0")}`,
          identifiers: [`user${i}@contoso.com`],
          displayName: `User ${i}`,
          groups: ["staff"],
          isAdmin: false,
          disabled: false,
          locked: false,
        },
        "a first password",
      );
    const http = createHttpFixture(engine);
    const admin: SsprApi = http.api("bob");
    const lines: BulkProgress[] = [];
    for await (const line of admin.bulkResetPasswords({ all: true, mode: "temporary" }))
      lines.push(line);
    expect(lines[0]).toEqual({ type: "start", total: 1005 });
    const results = lines.flatMap((l) => (l.type === "result" ? [l.result] : []));
    expect(results).toHaveLength(1005);
    expect(results.map((r) => r.outcome).filter((o) => o === "done")).toHaveLength(1003);
    expect(results.find((r) => r.userId === "bob")).toEqual({
      userId: "bob",
      outcome: "skipped",
      reason: "self",
    });
    expect(results.find((r) => r.userId === "dave")?.reason).toBe("forbidden");
    expect(lines.at(-1)).toEqual({ type: "end", done: 1003, skipped: 1, failed: 1 });
    const temporary = results.find((r) => r.userId === "user0999")?.temporaryPassword ?? "";
    expect(await engine.directory.verifyPassword("user0999", temporary)).toBe(true);
    // Anna's password was just reset too: only a token issued after it counts.
    engine.clock.advance(1);
    expect(
      await problemOf(
        collect(http.api("anna").bulkResetPasswords({ all: true, mode: "temporary" })),
      ),
    ).toBe("forbidden");
    // A selection of 5,000 ids (about 70 KB) is accepted: no cap beyond the 2 MiB bulk body.
    const selected = Array.from({ length: 5000 }, (_, i) => `user${String(i).padStart(4, "0")}`);
    const forced = await collect(admin.forcePasswordChange({ userIds: selected }));
    expect(forced.at(-1)).toEqual({ type: "end", done: 1000, skipped: 0, failed: 4000 });
  }, 120_000);
});
