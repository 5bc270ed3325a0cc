/** A slow, salted password hash (argon2id or scrypt), computed off the event loop. */
export interface PasswordHasher {
  /** A self-describing hash string (PHC format) with its own salt. */
  hash(secret: string): Promise<string>;
  /** True when `secret` hashes to `hash`; false, never a throw, for a malformed hash. */
  verify(hash: string, secret: string): Promise<boolean>;
}
