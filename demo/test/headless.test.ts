import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "../../packages/server/test/server-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

const signIn = (url: string, identifier: string, password: string) =>
  fetch(`${url}/demo/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier, password }),
  });

describe("demo/headless.ts", () => {
  it("resets a demo user's password over HTTP with the core reset machine", async () => {
    const server = await startServerProcess({
      SSPR_DATA_DIR: await mkdtemp(join(tmpdir(), "sspr-headless-")),
      SSPR_DEMO: "true",
    });
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "--conditions=@sspr/source", "demo/headless.ts"],
        { cwd: root, env: { ...process.env, SSPR_URL: server.url } },
      );
      const lines = stdout.trim().split("\n");
      expect(lines.slice(0, -1)).toEqual([
        "registered email ben@example.org",
        "choose-method",
        "confirm-contact",
        "enter-code",
        "new-password",
      ]);
      const newPassword = lines.at(-1)?.match(/is now "(.+)"$/)?.[1] ?? "";
      expect(newPassword).not.toBe("");
      expect((await signIn(server.url, "ben@contoso.com", newPassword)).status).toBe(200);
      expect((await signIn(server.url, "ben@contoso.com", "Ben's first password")).status).toBe(
        401,
      );
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("is what the README shows", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    const source = await readFile(join(root, "demo/headless.ts"), "utf8");
    const machinePart = source.slice(source.indexOf("// 2."), source.indexOf("actor.stop();"));
    expect(machinePart.length).toBeGreaterThan(500);
    expect(readme).toContain(machinePart.trim());
  });
});
