/**
 * Server secrets, kept outside the store (environment, secret manager). Each list is newest
 * first: the first key signs and encrypts, every key verifies and decrypts, so a key can be
 * rotated by adding a new one in front and dropping the old one when its codes have expired.
 */
export interface Secrets {
  /** Keys for one-time-code hashes, decoys and bot challenges: at least 32 random bytes each. */
  hmacKeys: readonly SecretKey[];
  /** Keys for data that must be recovered (authenticator secrets, queued messages). */
  encryptionKeys: readonly SecretKey[];
}

/** One key: a short id stored beside what it protects, and its bytes as base64url. */
export interface SecretKey {
  id: string;
  key: string;
}
