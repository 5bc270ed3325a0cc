import { adminPolicyMachine, connectAdminPolicy, defaultPolicy, validatePolicy } from "@sspr/core";
import { afterAll, describe, expect, it } from "vitest";
import { createTestEngine, type TestEngine } from "../fixtures.js";
import { driveOnEngine, type Transport, transitionLog, transports } from "./machine-driver.js";

const log = transitionLog();

/** A policy actor for a signed-in user on the real engine, over one transport. */
const driver = (
  transport: Transport,
  engine: TestEngine,
  userId: string,
  options: { offlineAtStart?: boolean; validate?: false } = {},
) =>
  driveOnEngine(adminPolicyMachine, log, transport, engine, {
    ...(options.offlineAtStart ? { offlineAtStart: true } : {}),
    userId,
    input: (api) => (options.validate === false ? { api } : { api, validate: validatePolicy }),
    busy: ["loading", "saving"],
  });

describe.each(transports)("the admin policy machine, %s", (transport) => {
  it("edits with per-field errors from the schema, discards, and saves", async () => {
    const engine = await createTestEngine();
    const { send, state } = await driver(transport, engine, "bob");
    expect(state().value).toBe("editing");
    expect(state().context.draft).toEqual(defaultPolicy);
    expect((await send({ type: "SAVE" })).value).toBe("editing");
    const invalid = await send({ type: "FIELD.SET", path: "password.minLength", value: 4 });
    expect(invalid.context.errors.map((e) => e.path)).toEqual(["password.minLength"]);
    expect((await send({ type: "SAVE" })).value).toBe("editing");
    const discarded = await send({ type: "DISCARD" });
    expect(discarded.context.draft).toEqual(defaultPolicy);
    await send({ type: "FIELD.SET", path: "methodsRequired", value: 2 });
    const saved = await send({ type: "SAVE" });
    expect(saved.value).toBe("saved");
    expect(saved.context.saved?.version).toBe(1);
    expect((await engine.admin.getPolicy()).policy.methodsRequired).toBe(2);
    expect((await send({ type: "FIELD.SET", path: "password.minLength", value: 15 })).value).toBe(
      "editing",
    );
  });

  it("without a validator, shows the engine's field errors after saving", async () => {
    const engine = await createTestEngine();
    const { send } = await driver(transport, engine, "bob", { validate: false });
    const edited = await send({ type: "FIELD.SET", path: "password.expiryDays", value: 7 });
    expect(edited.context.errors).toEqual([]);
    const rejected = await send({ type: "SAVE" });
    expect(rejected.value).toBe("editing");
    expect(rejected.context.problem?.code).toBe("invalid-request");
    expect(rejected.context.errors.map((e) => e.path)).toEqual(["password.expiryDays"]);
    expect((await engine.admin.getPolicy()).version).toBe(0);
    await send({ type: "FIELD.SET", path: "password.expiryDays", value: 90 });
    expect((await send({ type: "SAVE" })).value).toBe("saved");
  });

  it("shows a conflict when another administrator saved first", async () => {
    const engine = await createTestEngine();
    const { send } = await driver(transport, engine, "bob");
    await engine.admin.savePolicy({ policy: { ...defaultPolicy, methodsRequired: 2 }, version: 0 });
    await send({ type: "FIELD.SET", path: "password.historyCount", value: 10 });
    const conflict = await send({ type: "SAVE" });
    expect(conflict.value).toBe("editing");
    expect(conflict.context.problem?.code).toBe("conflict");
    const reloaded = await send({ type: "RELOAD" });
    expect(reloaded.value).toBe("editing");
    expect(reloaded.context.saved?.version).toBe(1);
    expect(reloaded.context.draft?.methodsRequired).toBe(2);
    expect(reloaded.context.problem).toBe(null);
  });

  it("fails for a user who is not an administrator, and retries", async () => {
    const engine = await createTestEngine();
    const { send, state } = await driver(transport, engine, "anna");
    expect(state().value).toBe("failed");
    expect(state().context.problem?.code).toBe("forbidden");
    expect((await send({ type: "RETRY" })).value).toBe("failed");
  });

  it("shows a network error on load and on save, and retries each", async () => {
    const engine = await createTestEngine();
    const { send, state, network } = await driver(transport, engine, "bob", {
      offlineAtStart: true,
    });
    expect(state().value).toBe("networkError");
    expect((await send({ type: "RETRY" })).value).toBe("editing");
    await send({ type: "FIELD.SET", path: "codes.length", value: 6 });
    network.dropNext();
    expect((await send({ type: "SAVE" })).value).toBe("networkError");
    expect((await send({ type: "RETRY" })).value).toBe("saved");
  });
});

afterAll(() => log.expectAllTaken(adminPolicyMachine));

describe("connectAdminPolicy", () => {
  it("marks unsaved changes, names field errors and says when saving is possible", async () => {
    const engine = await createTestEngine();
    const { actor } = await driver("in-process", engine, "bob");
    const view = () => connectAdminPolicy(actor.getSnapshot(), actor.send);
    expect(view()).toMatchObject({ step: "editing", dirty: false, canSave: false });
    view().set("registration.reconfirmDays", 800);
    expect(view()).toMatchObject({ dirty: true, canSave: false });
    expect(view().fieldError("registration.reconfirmDays")).toBeTruthy();
    view().set("registration.reconfirmDays", 90);
    expect(view()).toMatchObject({ dirty: true, canSave: true });
    expect(view().fieldError("registration.reconfirmDays")).toBeNull();
  });
});
