import { sign, verify } from "hono/jwt";

/** The signed-in user a request carries. */
export interface Principal {
  userId: string;
}

/** Finds the signed-in user of a request (the host's session, or a bearer token), or null. */
export type Authenticate = (request: Request) => Promise<Principal | null>;

/** Signed bearer tokens for hosts that have no sign-in of their own. */
export interface BearerTokens {
  /** A token for the user, valid for the configured lifetime. */
  issue(userId: string): Promise<string>;
  /** Reads `Authorization: Bearer …`; null when missing, forged or expired. */
  authenticate: Authenticate;
}

/**
 * Built-in bearer tokens: JWTs signed with HMAC-SHA-256 under a server secret (at least 32
 * bytes), audience `sspr`, short-lived (default one hour).
 *
 * @example
 * const tokens = createBearerTokens({ secret: process.env.SSPR_TOKEN_SECRET });
 * const handler = createHttpHandler(service, { authenticate: tokens.authenticate });
 */
export function createBearerTokens(options: {
  secret: string;
  ttlSeconds?: number;
  now?: () => number;
}): BearerTokens {
  if (new TextEncoder().encode(options.secret).length < 32)
    throw new Error("The token secret needs at least 32 bytes");
  const ttl = options.ttlSeconds ?? 3600;
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  return {
    issue: (userId) =>
      sign(
        { sub: userId, aud: "sspr", iat: nowSeconds(), exp: nowSeconds() + ttl },
        options.secret,
        "HS256",
      ),
    async authenticate(request) {
      const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(request.headers.get("authorization") ?? "");
      if (!match?.[1]) return null;
      try {
        const payload = await verify(match[1], options.secret, { alg: "HS256", aud: "sspr" });
        if (
          typeof payload.sub !== "string" ||
          typeof payload.exp !== "number" ||
          payload.exp <= nowSeconds()
        )
          return null;
        return { userId: payload.sub };
      } catch {
        return null;
      }
    },
  };
}
