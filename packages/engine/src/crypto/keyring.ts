import type { SecretKey, Secrets } from "../adapters/secrets.js";
import { fromBase64Url, toBase64Url, utf8 } from "./encoding.js";

const MIN_KEY_BYTES = 32;

/**
 * The server's keys, loaded once: keyed hashes (HMAC-SHA-256) for one-time codes and decoys,
 * authenticated encryption (AES-256-GCM) for what must be recovered. Values carry the id of the
 * key that made them, so older keys keep verifying and decrypting after a rotation.
 */
export interface Keyring {
  /** `keyId.mac` of `message` under the newest HMAC key; `purpose` separates uses of one key. */
  mac(purpose: string, message: string): Promise<string>;
  /** Checks a `keyId.mac` value in constant time (WebCrypto's HMAC verify). */
  verifyMac(purpose: string, message: string, stored: string): Promise<boolean>;
  /** Raw HMAC bytes under the newest key, for values derived from an input (decoys). */
  derive(purpose: string, message: string): Promise<Uint8Array>;
  /** `keyId.iv.ciphertext` of `plaintext` under the newest encryption key. */
  encrypt(plaintext: string): Promise<string>;
  /** Decrypts a value made by {@link Keyring.encrypt} with any listed key; throws if tampered. */
  decrypt(sealed: string): Promise<string>;
}

function decodeKey({ id, key }: SecretKey): Uint8Array<ArrayBuffer> {
  const raw = fromBase64Url(key);
  if (raw.length < MIN_KEY_BYTES) throw new Error(`Key ${id} is shorter than 32 bytes`);
  if (id.length === 0 || id.includes(".")) throw new Error(`Key id "${id}" is empty or has a dot`);
  return raw;
}

/** Loads the secrets into a {@link Keyring}; rejects keys that are too short or missing. */
export async function createKeyring(secrets: Secrets): Promise<Keyring> {
  const hmacKeys = await Promise.all(
    secrets.hmacKeys.map(async (key) => ({
      id: key.id,
      hmac: await crypto.subtle.importKey(
        "raw",
        decodeKey(key),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign", "verify"],
      ),
    })),
  );
  const aesKeys = await Promise.all(
    secrets.encryptionKeys.map(async (key) => ({
      id: key.id,
      aes: await crypto.subtle.importKey("raw", decodeKey(key).slice(0, 32), "AES-GCM", false, [
        "encrypt",
        "decrypt",
      ]),
    })),
  );
  const [currentHmac] = hmacKeys;
  const [currentAes] = aesKeys;
  if (!currentHmac || !currentAes) throw new Error("At least one HMAC and one encryption key");

  const sign = async (key: CryptoKey, purpose: string, message: string) =>
    new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8(`${purpose}\u0000${message}`)));

  return {
    async mac(purpose, message) {
      return `${currentHmac.id}.${toBase64Url(await sign(currentHmac.hmac, purpose, message))}`;
    },
    async verifyMac(purpose, message, stored) {
      const [keyId, mac] = stored.split(".");
      const key = hmacKeys.find((k) => k.id === keyId);
      if (!key || !mac) return false;
      return crypto.subtle.verify(
        "HMAC",
        key.hmac,
        fromBase64Url(mac),
        utf8(`${purpose}\u0000${message}`),
      );
    },
    derive: (purpose, message) => sign(currentHmac.hmac, purpose, message),
    async encrypt(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv },
        currentAes.aes,
        utf8(plaintext),
      );
      return `${currentAes.id}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
    },
    async decrypt(sealed) {
      const [keyId, iv, data] = sealed.split(".");
      const key = aesKeys.find((k) => k.id === keyId);
      if (!key || !iv || !data) throw new Error("Sealed value from an unknown key");
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64Url(iv) },
        key.aes,
        fromBase64Url(data),
      );
      return new TextDecoder().decode(plain);
    },
  };
}

/** A fresh random key of 32 bytes, base64url: for `sspr` set-up and tests. */
export function generateSecretKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}
