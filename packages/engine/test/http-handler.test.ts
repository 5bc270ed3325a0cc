import { Validator } from "@seriousme/openapi-schema-validator";
import { routes, solveBotChallenge } from "@sspr/core";
import { sign } from "hono/jwt";
import { describe, expect, it } from "vitest";
import {
  ANNA_EMAIL,
  createHttpFixture,
  createTestEngine,
  NEW_PASSWORD,
  withRegisteredAnna,
} from "./fixtures.js";

const url = (path: string) => `http://portal.test/sspr${path}`;
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(url(path), {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

describe("the HTTP API", () => {
  it("resets a password over HTTP exactly as in-process", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const api = createHttpFixture(engine).api();
    const flow = await api.startReset({
      identifier: "anna",
      botProof: await solveBotChallenge(await api.getBotChallenge()),
    });
    await api.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods[0]?.id ?? "",
      contact: ANNA_EMAIL,
    });
    await api.verifyCode({ flowId: flow.flowId, code: await engine.codeSentTo(ANNA_EMAIL) });
    expect((await api.completeReset({ flowId: flow.flowId, newPassword: NEW_PASSWORD })).step).toBe(
      "done",
    );
    expect(await engine.directory.verifyPassword("anna", NEW_PASSWORD)).toBe(true);
  });

  it("answers bad requests with the documented problem and changes nothing", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { call, tokens } = createHttpFixture(engine);
    const anna = { authorization: `Bearer ${await tokens.issue("anna")}` };
    const forged = `Bearer ${await sign({ sub: "bob", aud: "sspr", exp: Math.floor(Date.now() / 1000) + 60 }, "another secret of at least 32 bytes!!", "HS256")}`;
    const expired = `Bearer ${await sign({ sub: "anna", aud: "sspr", exp: Math.floor(Date.now() / 1000) - 1 }, "x".repeat(32), "HS256")}`;
    const before = JSON.stringify(engine.store.tables());
    const cases: [string, Request, number, string][] = [
      ["malformed JSON", post("/reset/start", "{not json"), 400, "malformed-json"],
      [
        "wrong types",
        post("/reset/start", JSON.stringify({ identifier: 42, botProof: true })),
        400,
        "invalid-request",
      ],
      [
        "unknown fields",
        post("/reset/start", JSON.stringify({ identifier: "anna", botProof: "x", admin: true })),
        400,
        "invalid-request",
      ],
      [
        "an oversized body",
        post("/reset/start", JSON.stringify({ identifier: "a", botProof: "x".repeat(20_000) })),
        413,
        "payload-too-large",
      ],
      [
        "a wrong content type",
        post("/reset/start", "identifier=anna", {
          "content-type": "application/x-www-form-urlencoded",
        }),
        415,
        "unsupported-media-type",
      ],
      [
        "no content type",
        new Request(url("/reset/start"), { method: "POST", body: "{}" }),
        415,
        "unsupported-media-type",
      ],
      ["missing auth", new Request(url("/registration")), 401, "unauthenticated"],
      [
        "a forged token",
        new Request(url("/admin/policy"), { headers: { authorization: forged } }),
        401,
        "unauthenticated",
      ],
      [
        "an expired token",
        new Request(url("/registration"), { headers: { authorization: expired } }),
        401,
        "unauthenticated",
      ],
      [
        "a user on an admin route",
        new Request(url("/admin/policy"), { headers: anna }),
        403,
        "forbidden",
      ],
      ["a wrong method", new Request(url("/reset/start")), 404, "not-found"],
      ["an unknown route", new Request(url("/nothing/here")), 404, "not-found"],
      [
        "a body that is not an object",
        post("/registration/contacts", "[1,2]", anna),
        400,
        "invalid-request",
      ],
    ];
    for (const [what, request, status, code] of cases) {
      const response = await call(request);
      expect(response.status, what).toBe(status);
      expect(response.headers.get("content-type"), what).toBe("application/problem+json");
      expect(await response.json(), what).toMatchObject({
        status,
        code,
        type: expect.stringContaining(code),
      });
    }
    expect(JSON.stringify(engine.store.tables())).toBe(before);
  });

  it("sends no-store, no-referrer and nosniff on every answer", async () => {
    const engine = await createTestEngine();
    const { call } = createHttpFixture(engine);
    for (const response of [
      await call(new Request(url("/reset/config"))),
      await call(new Request(url("/registration"))),
    ]) {
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("says when to retry a throttled call", async () => {
    const engine = await createTestEngine();
    await withRegisteredAnna(engine);
    const { call } = createHttpFixture(engine);
    const start = async () => {
      const challenge = await (await call(post("/reset/challenge", "{}"))).json();
      return call(
        post(
          "/reset/start",
          JSON.stringify({ identifier: "anna", botProof: await solveBotChallenge(challenge) }),
        ),
        "192.0.2.99",
      );
    };
    for (let i = 0; i < 10; i++) expect((await start()).status).toBe(200);
    const throttled = await start();
    expect(throttled.status).toBe(429);
    // The minute's window less the time the ten padded answers took on the engine's clock.
    expect(Number(throttled.headers.get("retry-after"))).toBe(
      (await throttled.json()).retryAfterSeconds,
    );
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(55);
  });

  it("refuses signed-in changes from an untrusted origin when cookies authenticate", async () => {
    const engine = await createTestEngine();
    const { call, tokens } = createHttpFixture(engine, {
      trustedOrigins: ["https://portal.example"],
    });
    const auth = { authorization: `Bearer ${await tokens.issue("carl")}` };
    const body = JSON.stringify({ kind: "email", value: "carl@example.org" });
    expect(
      (
        await call(
          post("/registration/contacts", body, { ...auth, origin: "https://evil.example" }),
        )
      ).status,
    ).toBe(403);
    expect((await call(post("/registration/contacts", body, auth))).status).toBe(403);
    expect(
      (
        await call(
          post("/registration/contacts", body, { ...auth, origin: "https://portal.example" }),
        )
      ).status,
    ).toBe(200);
  });

  it("answers CORS preflights for configured origins only", async () => {
    const engine = await createTestEngine();
    const { call } = createHttpFixture(engine, { corsOrigins: ["https://portal.example"] });
    const preflight = (origin: string) =>
      call(
        new Request(url("/reset/start"), {
          method: "OPTIONS",
          headers: { origin, "access-control-request-method": "POST" },
        }),
      );
    expect(
      (await preflight("https://portal.example")).headers.get("access-control-allow-origin"),
    ).toBe("https://portal.example");
    expect(
      (await preflight("https://evil.example")).headers.get("access-control-allow-origin"),
    ).toBeNull();
  });

  it("refuses a browser's call from an unlisted origin before any work, and lets others pass", async () => {
    const engine = await createTestEngine();
    const { call } = createHttpFixture(engine, { corsOrigins: ["https://portal.example"] });
    const challenge = (headers: Record<string, string>) =>
      call(new Request(url("/reset/challenge"), { method: "POST", headers }));
    const refused = await challenge({ origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe("forbidden");
    for (const headers of [
      { origin: "https://portal.example" },
      { origin: "http://portal.test" },
      { origin: "https://portal.test", "sec-fetch-site": "same-origin" },
      {},
    ])
      expect((await challenge(headers)).status, JSON.stringify(headers)).toBe(200);
    // Without corsOrigins the handler keeps no list and checks nothing, as a host's own proxy may.
    const open = createHttpFixture(engine);
    expect(
      (
        await open.call(
          new Request(url("/reset/challenge"), {
            method: "POST",
            headers: { origin: "https://evil.example" },
          }),
        )
      ).status,
    ).toBe(200);
  });

  it("serves a valid OpenAPI 3.1 document with every operation", async () => {
    const engine = await createTestEngine();
    const { call } = createHttpFixture(engine);
    const document = await (await call(new Request(url("/openapi.json")))).json();
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
    const operations = Object.values(
      document.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations.sort()).toEqual(Object.keys(routes).sort());
  });
});
