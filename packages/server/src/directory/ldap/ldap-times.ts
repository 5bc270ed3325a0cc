/**
 * LDAP GeneralizedTime (`20260101120000Z`, `20260101120000.5Z`) as epoch ms, at the end of its
 * last stated digit: slapd keeps `pwdChangedTime` to the second, and bearer tokens issued at or
 * before a change must be refused, so a change is read as late as it can have been.
 */
export function fromGeneralizedTime(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction = ""] = m;
  const start = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const digits = Math.min(fraction.length, 3);
  const ms = digits ? Number(fraction.slice(0, 3).padEnd(3, "0")) : 0;
  return start + ms + (10 ** (3 - digits) - 1);
}

/** Milliseconds between 1601-01-01 (Windows FILETIME's epoch) and 1970-01-01. */
const FILETIME_EPOCH_MS = 11_644_473_600_000n;

/** Active Directory's FILETIME (100 ns since 1601, as a decimal string) as epoch ms; 0 is "never". */
export function fromFiletime(value: string): number | null {
  if (!/^\d+$/.test(value) || value === "0") return null;
  return Number(BigInt(value) / 10_000n - FILETIME_EPOCH_MS);
}
