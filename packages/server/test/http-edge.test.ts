import { mkdir, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { type SsprApi, solveBotChallenge } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { sqliteFile } from "./services.js";

/**
 * A reset start as one proxy in front of the server sends it: the client's own
 * X-Forwarded-For, with the address the proxy saw appended.
 */
async function startBehindProxy(
  { url, api }: { url: string; api: SsprApi },
  clientWrote: string,
  proxySaw: string,
) {
  const challenge = await api.getBotChallenge();
  const response = await fetch(`${url}/sspr/reset/start`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": `${clientWrote}, ${proxySaw}`,
    },
    body: JSON.stringify({
      identifier: "nobody@contoso.com",
      botProof: await solveBotChallenge(challenge),
    }),
  });
  return response.status;
}

/** The status a chunked body of `size` bytes is answered with, read after it was all sent. */
function postChunked(url: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${url}/sspr/reset/start`, {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    outgoing.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    outgoing.on("error", reject);
    const chunk = Buffer.alloc(4096, "a");
    for (let sent = 0; sent < size; sent += chunk.length) outgoing.write(chunk);
    outgoing.end();
  });
}

/** Runs `test` against a fresh `sspr serve` on its own SQLite data folder, then stops it. */
async function withServer(
  env: (dataDir: string) => Promise<Record<string, string>>,
  test: (server: ServerProcess) => Promise<void>,
) {
  const { file, remove } = await sqliteFile();
  const dataDir = join(file, "..");
  const server = await startServerProcess({ SSPR_DATA_DIR: dataDir, ...(await env(dataDir)) });
  try {
    await test(server);
  } finally {
    await server.stop();
    await remove();
  }
}

describe("sspr serve at its edge", () => {
  it("throttles the address the trusted proxy saw, whatever the client wrote to its left", async () => {
    await withServer(
      async () => ({ SSPR_TRUST_PROXY: "1" }),
      async (server) => {
        const statuses: number[] = [];
        // Ten starts a minute from one address; the client rotates what it writes itself.
        for (let i = 0; i < 11; i++)
          statuses.push(await startBehindProxy(server, `10.1.0.${i}`, "198.51.100.7"));
        expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
        expect(statuses[10]).toBe(429);
        expect(await startBehindProxy(server, "10.1.0.0", "198.51.100.8")).toBe(200);
      },
    );
  }, 60_000);

  it("sends the security headers on health, readiness, static files, the demo and 404s", async () => {
    const portal = async (dataDir: string) => {
      const publicDir = join(dataDir, "public");
      await mkdir(publicDir);
      await writeFile(join(publicDir, "index.html"), "<h1>Contoso portal</h1>");
      return { SSPR_STATIC_DIR: publicDir, SSPR_DEMO: "true" };
    };
    await withServer(portal, async (server) => {
      const dynamic = [
        "/healthz",
        "/readyz",
        "/demo/users",
        "/no-such-page",
        "/demo/no-such-route",
      ];
      for (const path of [...dynamic, "/", "/index.html"]) {
        const { headers } = await fetch(`${server.url}${path}`);
        expect(headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
        expect(headers.get("content-security-policy"), path).toContain("object-src 'none'");
        expect(headers.get("x-content-type-options"), path).toBe("nosniff");
        expect(headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
        expect(headers.get("referrer-policy"), path).toBe("no-referrer");
        expect(headers.get("cache-control") === "no-store", path).toBe(dynamic.includes(path));
      }
      // The engine keeps its own, stricter policy: an API answer is never a page.
      const api = await fetch(`${server.url}/sspr/reset/config`);
      expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");
    });
  }, 60_000);

  it("answers an oversized chunked body with a 413 the client reads, every time", async () => {
    await withServer(
      async () => ({}),
      async (server) => {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push(await postChunked(server.url, 256 * 1024));
        expect(statuses).toEqual(Array(20).fill(413));
        // Within the limit, a chunked body is read and judged as any other.
        expect(await postChunked(server.url, 4096)).toBe(400);
      },
    );
  }, 60_000);
});
