import { SsprProblem } from "@sspr/core";
import type { MiddlewareHandler } from "hono";

/**
 * Refuses a browser's request from an origin that is neither the API's own nor one of `allowed`
 * before the service sees it. CORS only stops that page from reading the answer; without this
 * check the work behind a request the browser sends anyway (a GET, a preflight-free POST) is
 * done. Requests without an `Origin` (servers, curl) and preflights pass.
 */
export function refuseOtherOrigins(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header("origin");
    const sameOrigin =
      c.req.header("sec-fetch-site") === "same-origin" || origin === new URL(c.req.url).origin;
    if (!origin || c.req.method === "OPTIONS" || sameOrigin || allowed.includes(origin))
      return next();
    throw new SsprProblem("forbidden", { detail: "Request from an untrusted origin" });
  };
}
