import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { totpStep } from "../src/service/totp.js";
import { createTestEngine, problemOf, withRegisteredAnna } from "./fixtures.js";

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890"; six digits are the last six of eight.
const rfcSecret = OTPAuth.Secret.fromLatin1("12345678901234567890").base32;
const vectors = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
] as const;

describe("TOTP (RFC 6238)", () => {
  it.each(vectors)("accepts the RFC vector at %i s in its own 30 s step", (seconds, token) => {
    expect(totpStep(rfcSecret, token, seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it("allows one step of drift and no more", () => {
    const [seconds, token] = vectors[1];
    expect(totpStep(rfcSecret, token, (seconds + 30) * 1000)).toBe(Math.floor(seconds / 30));
    expect(totpStep(rfcSecret, token, (seconds + 61) * 1000)).toBeNull();
  });

  it("accepts a step once in a reset, even in a new flow", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { codeAt } = await engine.registerApp("anna");
    const api = engine.anonymous();
    const first = await engine.startReset("anna", api);
    const app = (flow: typeof first) => flow.methods.find((m) => m.kind === "app")?.id ?? "";
    await api.chooseMethod({ flowId: first.flowId, methodId: app(first) });
    const code = codeAt();
    expect((await api.verifyCode({ flowId: first.flowId, code })).step).toBe("new-password");
    const second = await engine.startReset("anna", api);
    await api.chooseMethod({ flowId: second.flowId, methodId: app(second) });
    expect(await problemOf(api.verifyCode({ flowId: second.flowId, code }))).toBe("code-used");
    engine.clock.advance(30_000);
    expect((await api.verifyCode({ flowId: second.flowId, code: codeAt() })).step).toBe(
      "new-password",
    );
  });
});
