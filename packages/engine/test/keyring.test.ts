import { describe, expect, it } from "vitest";
import { createKeyring, generateSecretKey } from "../src/crypto/keyring.js";

const keys = (id: string) => ({ id, key: generateSecretKey() });

describe("the keyring", () => {
  it("keeps verifying and decrypting with an old key after a new one is put in front", async () => {
    const h1 = keys("h1");
    const e1 = keys("e1");
    const old = await createKeyring({ hmacKeys: [h1], encryptionKeys: [e1] });
    const mac = await old.mac("one-time-code", "flow|12345678");
    const sealed = await old.encrypt("JBSWY3DPEHPK3PXP");
    const rotated = await createKeyring({
      hmacKeys: [keys("h2"), h1],
      encryptionKeys: [keys("e2"), e1],
    });
    expect(await rotated.verifyMac("one-time-code", "flow|12345678", mac)).toBe(true);
    expect(await rotated.decrypt(sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect((await rotated.mac("one-time-code", "flow|12345678")).startsWith("h2.")).toBe(true);
    expect((await rotated.encrypt("x")).startsWith("e2.")).toBe(true);
  });

  it("separates purposes and rejects a wrong message or a dropped key", async () => {
    const h1 = keys("h1");
    const ring = await createKeyring({ hmacKeys: [h1], encryptionKeys: [keys("e1")] });
    const mac = await ring.mac("one-time-code", "m");
    expect(await ring.verifyMac("decoy", "m", mac)).toBe(false);
    expect(await ring.verifyMac("one-time-code", "n", mac)).toBe(false);
    const dropped = await createKeyring({ hmacKeys: [keys("h2")], encryptionKeys: [keys("e1")] });
    expect(await dropped.verifyMac("one-time-code", "m", mac)).toBe(false);
  });

  it("detects tampering with encrypted values", async () => {
    const ring = await createKeyring({ hmacKeys: [keys("h1")], encryptionKeys: [keys("e1")] });
    const sealed = await ring.encrypt("secret");
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith("A") ? "B" : "A"}${sealed.slice(-1)}`;
    await expect(ring.decrypt(tampered)).rejects.toThrow();
  });

  it("refuses keys shorter than 32 bytes", async () => {
    await expect(
      createKeyring({ hmacKeys: [{ id: "h", key: "c2hvcnQ" }], encryptionKeys: [keys("e")] }),
    ).rejects.toThrow(/32 bytes/);
  });
});
