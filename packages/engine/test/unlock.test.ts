import { describe, expect, it } from "vitest";
import {
  annaReadyForPassword,
  createTestEngine,
  erinVerified,
  oldPassword,
  problemOf,
} from "./fixtures.js";

describe("unlocking without a new password", () => {
  it("lets a locked-out user unlock after verifying, keeping the password", async () => {
    const engine = await createTestEngine();
    const { api, flowId, verified } = await erinVerified(engine);
    expect(verified).toMatchObject({ step: "new-password", canUnlock: true });
    const unlocked = await api.unlockAccount({ flowId });
    expect(unlocked.step).toBe("unlocked");
    expect((await engine.directory.getUser("erin"))?.locked).toBe(false);
    expect(await engine.directory.verifyPassword("erin", oldPassword("erin"))).toBe(true);
    expect(await problemOf(api.unlockAccount({ flowId }))).toBe("step-out-of-order");
    expect(
      await problemOf(api.completeReset({ flowId, newPassword: "a brand new password" })),
    ).toBe("step-out-of-order");
    const [entry] = await engine.store.listAudit({ type: "reset.unlocked" });
    expect(entry).toMatchObject({ subject: "erin", outcome: "success", detail: { via: "email" } });
  });

  it("is not offered before verifying, to users who are not locked, or when the policy says no", async () => {
    const engine = await createTestEngine();
    const { api, flowId } = await annaReadyForPassword(engine);
    expect(await problemOf(api.unlockAccount({ flowId }))).toBe("step-out-of-order");

    const early = await createTestEngine();
    await early.registerContact("erin", "email", "erin@example.org");
    const start = await early.startReset("erin@contoso.com");
    expect(start.canUnlock).toBe(false);
    expect(await problemOf(early.anonymous().unlockAccount({ flowId: start.flowId }))).toBe(
      "step-out-of-order",
    );

    const closed = await createTestEngine({ policy: { accountUnlock: false } });
    const erin = await erinVerified(closed);
    expect(erin.verified.canUnlock).toBe(false);
    expect(await problemOf(erin.api.unlockAccount({ flowId: erin.flowId }))).toBe(
      "step-out-of-order",
    );
    expect((await closed.directory.getUser("erin"))?.locked).toBe(true);
  });
});
