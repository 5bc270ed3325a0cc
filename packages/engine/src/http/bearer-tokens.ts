import { sign, verify } from "hono/jwt";
import type { Directory } from "../adapters/directory.js";

/** The signed-in user a request carries. */
export interface Principal {
  userId: string;
}

/** Finds the signed-in user of a request (the host's session, or a bearer token), or null. */
export type Authenticate = (request: Request) => Promise<Principal | null>;

/**
 * When a user's tokens start to count (epoch milliseconds): the user's last password change.
 * Null when none is known, and then only the signature and expiry decide.
 */
export type ValidAfter = (userId: string) => Promise<number | null>;

/** Signed bearer tokens for hosts that have no sign-in of their own. */
export interface BearerTokens {
  /** A token for the user, valid for the configured lifetime. */
  issue(userId: string): Promise<string>;
  /**
   * Reads `Authorization: Bearer …`; null when missing, forged, expired, or issued at or before
   * the user's last password change. Throws when `validAfter` does (the directory is down): an
   * outage is not a sign-out.
   */
  authenticate: Authenticate;
}

/** The claim with the issue time in milliseconds: `iat` is whole seconds, too coarse to order. */
const ISSUED_MS = "iat_ms";

/**
 * Built-in bearer tokens: JWTs signed with HMAC-SHA-256 under a server secret (at least 32
 * bytes), audience `sspr`, short-lived (default one hour). Each carries its issue time to the
 * millisecond, and `authenticate` refuses a token issued at or before `validAfter(userId)`, so
 * every token from before a password change (a reset, an administrator's reset) stops working
 * the moment the password changes (OWASP: invalidate sessions after a reset). `validAfter` has
 * no default: a host that forgot it would let a stolen token outlive the reset. Issuer and
 * checker compare clocks, so instances keep theirs in sync (NTP).
 *
 * @example
 * const tokens = createBearerTokens({
 *   secret: process.env.SSPR_TOKEN_SECRET,
 *   validAfter: passwordChangedAt(directory),
 * });
 * const handler = createHttpHandler(service, { authenticate: tokens.authenticate });
 */
export function createBearerTokens(options: {
  secret: string;
  /** Lifetime of a token (default 3600 s). */
  ttlSeconds?: number;
  /** The time in epoch milliseconds (default `Date.now`), such as a test's clock. */
  now?: () => number;
  validAfter: ValidAfter;
}): BearerTokens {
  if (new TextEncoder().encode(options.secret).length < 32)
    throw new Error("The token secret needs at least 32 bytes");
  const ttl = options.ttlSeconds ?? 3600;
  const now = options.now ?? Date.now;
  /** The user of a genuine, unexpired token, before the password check; null otherwise. */
  async function verified(token: string): Promise<{ userId: string; issuedMs: number } | null> {
    try {
      // Time is checked below against `now`, not by hono against the system clock.
      const payload = await verify(token, options.secret, {
        alg: "HS256",
        aud: "sspr",
        exp: false,
        nbf: false,
        iat: false,
      });
      const issuedMs = payload[ISSUED_MS];
      if (
        typeof payload.sub !== "string" ||
        typeof payload.exp !== "number" ||
        payload.exp * 1000 <= now() ||
        typeof issuedMs !== "number"
      )
        return null;
      return { userId: payload.sub, issuedMs };
    } catch {
      return null;
    }
  }
  return {
    issue(userId) {
      const issuedMs = now();
      const seconds = Math.floor(issuedMs / 1000);
      return sign(
        { sub: userId, aud: "sspr", iat: seconds, [ISSUED_MS]: issuedMs, exp: seconds + ttl },
        options.secret,
        "HS256",
      );
    },
    async authenticate(request) {
      const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(request.headers.get("authorization") ?? "");
      const token = match?.[1] ? await verified(match[1]) : null;
      if (!token) return null;
      // Same millisecond as the change: the order is unknown, so the token is refused.
      const after = await options.validAfter(token.userId);
      if (after !== null && token.issuedMs <= after) return null;
      return { userId: token.userId };
    },
  };
}

/**
 * `validAfter` from the directory's record of when each password was last set; every path that
 * sets a password (reset completion, an administrator's temporary or typed password) goes
 * through `Directory.setPassword`, which records the time.
 */
export function passwordChangedAt(directory: Pick<Directory, "getPasswordState">): ValidAfter {
  return async (userId) => (await directory.getPasswordState(userId))?.changedAt ?? null;
}
