import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnCli, untilPrinted } from "./cli.js";
import { startServerProcess } from "./server-process.js";
import { sqliteFile } from "./services.js";

/** A kept-alive connection to a server, one request at a time, as a load balancer holds it. */
async function keptAlive(url: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once("connect", resolve));
  let received = "";
  let ended = false;
  socket.on("data", (chunk) => {
    received += chunk;
  });
  socket.once("close", () => {
    ended = true;
  });
  return {
    /** Sends a GET and reads its answer: status, headers, body. */
    async get(path: string) {
      received = "";
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      for (let i = 0; i < 100; i++) {
        const [head = "", body = ""] = received.split("\r\n\r\n");
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? -1);
        if (length >= 0 && Buffer.byteLength(body) >= length) {
          const headers = Object.fromEntries(
            head
              .split("\r\n")
              .slice(1)
              .map((line) => line.split(": ").map((part, i) => (i ? part : part.toLowerCase()))),
          ) as Record<string, string>;
          return { status: Number(head.split(" ")[1]), headers, body: JSON.parse(body) };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`No answer to ${path}: ${received}`);
    },
    /** Starts a POST and sends only part of its body: a request that stays in flight. */
    startSlowPost(path: string) {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
      );
    },
    /** Resolves once the server closed the connection. */
    async closed() {
      for (let i = 0; i < 200 && !ended; i++) await new Promise((r) => setTimeout(r, 50));
      return ended;
    },
  };
}

describe("sspr serve stopping behind a load balancer", () => {
  it("turns /readyz red at once on a kept-alive connection, closes it with that answer, and exits", async () => {
    const { file, remove } = await sqliteFile();
    try {
      const server = await startServerProcess({ SSPR_DATA_DIR: join(file, "..") });
      const connection = await keptAlive(server.url);
      expect(await connection.get("/readyz")).toMatchObject({
        status: 200,
        headers: { connection: "keep-alive" },
        body: { status: "ready" },
      });
      const exited = server.stop();
      await server.logged(/^stopping$/);
      expect(await connection.get("/readyz")).toMatchObject({
        status: 503,
        headers: { connection: "close" },
        body: { status: "stopping" },
      });
      expect(await connection.closed()).toBe(true);
      expect(await exited).toBe(0);
    } finally {
      await remove();
    }
  }, 30_000);

  it("cuts a request still in flight when the grace period is over, and exits", async () => {
    const { file, remove } = await sqliteFile();
    try {
      const server = await startServerProcess({
        SSPR_DATA_DIR: join(file, ".."),
        SSPR_SHUTDOWN_GRACE_MS: "500",
      });
      const connection = await keptAlive(server.url);
      connection.startSlowPost("/sspr/reset/start");
      const exited = server.stop();
      expect(await server.logged(/^grace period over/)).toMatchObject({ connections: 1 });
      expect(await connection.closed()).toBe(true);
      expect(await exited).toBe(0);
    } finally {
      await remove();
    }
  }, 30_000);

  it("stops cleanly on a SIGTERM that comes while it is still starting", async () => {
    const { file, remove } = await sqliteFile();
    try {
      const child = spawnCli(["serve"], { SSPR_DATA_DIR: join(file, ".."), SSPR_LISTEN_PORT: "0" });
      const exited = new Promise((resolve) => child.once("close", resolve));
      const stopped = untilPrinted(child, /sspr stopped/);
      await untilPrinted(child, /opening the database/);
      child.kill("SIGTERM");
      await stopped;
      expect(await exited).toBe(0);
    } finally {
      await remove();
    }
  }, 30_000);
});
