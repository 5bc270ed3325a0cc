import { routes } from "@sspr/core";
import { describe, expect, it } from "vitest";
import {
  annaReadyForPassword,
  createHttpFixture,
  createTestEngine,
  erinVerified,
  invitationSentTo,
  NEW_PASSWORD,
  problemOf,
  type TestEngine,
  withRegisteredAnna,
} from "./fixtures.js";

const ATTACKER = { kind: "email", value: "attacker@evil.example" } as const;

/** A thief's token for anna, taken before her password changes, and a way to try it. */
async function stolenToken(engine: TestEngine) {
  const http = createHttpFixture(engine);
  const stolen = await http.tokens.issue("anna");
  // It works until the password changes.
  expect((await http.withToken(stolen).getRegistration()).due).toBeTypeOf("string");
  /** The status and problem code of adding the thief's address with this token. */
  const addContact = async (token: string) => {
    const response = await http.call(
      new Request(`http://portal.test/sspr${routes.addContactMethod.path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(ATTACKER),
      }),
    );
    const body = (await response.json()) as { code?: string };
    return { status: response.status, code: body.code };
  };
  return { http, stolen, addContact };
}

describe("every token issued before a password change is refused after it", () => {
  it("refuses a token from before a self-service reset; a token issued after it works", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { http, stolen, addContact } = await stolenToken(engine);
    const { api, flowId } = await annaReadyForPassword(engine);
    await api.completeReset({ flowId, newPassword: NEW_PASSWORD });

    expect(await addContact(stolen)).toEqual({ status: 401, code: "unauthenticated" });
    expect(await problemOf(http.withToken(stolen).getRegistration())).toBe("unauthenticated");
    engine.clock.advance(1);
    const fresh = await http.tokens.issue("anna");
    expect((await addContact(fresh)).status).toBe(200);
  });

  it("orders by the millisecond: a token from the same second, just before the change, is refused", async () => {
    const engine = await createTestEngine();
    engine.clock.set(Date.UTC(2026, 0, 2, 8, 0, 0, 100));
    const { http, stolen, addContact } = await stolenToken(engine);
    engine.clock.advance(1);
    // The password set directly in the directory, as any path that sets it does.
    await engine.directory.setPassword("anna", NEW_PASSWORD, { mustChange: false });
    const sameInstant = await http.tokens.issue("anna");
    expect(await addContact(stolen)).toEqual({ status: 401, code: "unauthenticated" });
    // Issued in the very millisecond of the change: which came first is unknown, so refused.
    expect(await addContact(sameInstant)).toEqual({ status: 401, code: "unauthenticated" });
    engine.clock.advance(1);
    expect((await addContact(await http.tokens.issue("anna"))).status).toBe(200);
  });

  it.each([
    ["temporary", {}],
    ["chosen", { password: "violet canyon orbit lantern" }],
  ] as const)(
    "refuses a token from before an administrator's reset (%s password)",
    async (mode, extra) => {
      const ended: string[] = [];
      const engine = await createTestEngine({
        policy: { adminReset: { temporaryPassword: true, chosenPassword: true } },
        onPasswordChanged: async (userId) => void ended.push(userId),
      });
      await withRegisteredAnna(engine);
      const { http, stolen, addContact } = await stolenToken(engine);
      await http.api("bob").resetUserPassword({ userId: "anna", mode, ...extra });

      expect(await addContact(stolen)).toEqual({ status: 401, code: "unauthenticated" });
      expect(ended).toEqual(["anna"]);
      engine.clock.advance(1);
      expect((await addContact(await http.tokens.issue("anna"))).status).toBe(200);
    },
  );

  it("keeps tokens through an invitation until the invited reset sets the password", async () => {
    const ended: string[] = [];
    const engine = await createTestEngine({
      onPasswordChanged: async (userId) => void ended.push(userId),
    });
    await withRegisteredAnna(engine);
    const { stolen, addContact } = await stolenToken(engine);
    await engine.admin.resetUserPassword({ userId: "anna", mode: "invitation" });
    // Sending an invitation changes no password: anna's sessions go on.
    expect(ended).toEqual([]);
    expect((await addContact(stolen)).status).toBe(200);

    const api = engine.anonymous();
    const flow = await api.redeemInvitation({
      invitation: await invitationSentTo(engine, "anna.private@example.org"),
    });
    await api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD });
    expect(ended).toEqual(["anna"]);
    expect(await addContact(stolen)).toEqual({ status: 401, code: "unauthenticated" });
  });

  it("keeps tokens through an unlock, which leaves the password as it is", async () => {
    const ended: string[] = [];
    const engine = await createTestEngine({
      onPasswordChanged: async (userId) => void ended.push(userId),
    });
    const http = createHttpFixture(engine);
    const token = await http.tokens.issue("erin");
    const { api, flowId } = await erinVerified(engine);
    expect((await api.unlockAccount({ flowId })).step).toBe("unlocked");
    expect(ended).toEqual([]);
    expect((await http.withToken(token).getRegistration()).methods).toHaveLength(1);
  });
});
