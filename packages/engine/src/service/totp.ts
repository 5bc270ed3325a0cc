import * as OTPAuth from "otpauth";

/** RFC 6238 as sspr uses it: SHA-1 (what every authenticator app supports), 6 digits, 30 s. */
const PERIOD_SECONDS = 30;

/** A new authenticator secret of 160 bits, as base32 for manual entry. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, issuer: string, label: string): string {
  return new OTPAuth.TOTP({
    issuer,
    label,
    secret: OTPAuth.Secret.fromBase32(secret),
    period: PERIOD_SECONDS,
    digits: 6,
  }).toString();
}

/**
 * The time step a token belongs to, allowing one step of drift either way, or null when the
 * token is wrong. The caller records the step so each is accepted once.
 */
export function totpStep(secret: string, token: string, now: number): number | null {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    period: PERIOD_SECONDS,
    digits: 6,
  });
  const delta = totp.validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}
