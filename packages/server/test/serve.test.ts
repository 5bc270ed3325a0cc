import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createHttpApi, solveBotChallenge } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { runCli, spawnCli, untilPrinted } from "./cli.js";
import { codeSentTo } from "./server-process.js";
import { sqliteFile } from "./services.js";

describe("sspr serve on the embedded SQLite default", () => {
  it("serves health, readiness and a whole reset, and stops cleanly on SIGTERM", async () => {
    const { file, remove } = await sqliteFile();
    const dataDir = join(file, "..");
    const publicDir = join(dataDir, "public");
    const env = { SSPR_DATA_DIR: dataDir, SSPR_LISTEN_PORT: "0", SSPR_STATIC_DIR: publicDir };
    await mkdir(publicDir);
    await writeFile(join(publicDir, "index.html"), "<h1>Contoso portal</h1>");
    const outbox = join(dataDir, "outbox.jsonl");
    try {
      const added = await runCli(
        ["user", "add", "anna", "--email", "anna@contoso.com", "--password", "an old password"],
        env,
      );
      expect(added).toMatchObject({ code: 0, stdout: "Added anna\n" });
      expect((await runCli(["user", "list"], env)).stdout).toBe("anna\tanna@contoso.com\tanna\n");
      const token = (await runCli(["token", "anna"], env)).stdout.trim();

      const server = spawnCli(["serve"], env);
      let printed = "";
      server.stdout?.on("data", (chunk) => {
        printed += chunk;
      });
      server.stderr?.on("data", (chunk) => {
        printed += chunk;
      });
      const started = JSON.parse(await untilPrinted(server, /sspr is serving/));
      const url: string = started.url;
      expect(started).not.toHaveProperty("secrets");
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({
        status: "ready",
        outbox: { pending: 0, oldestPendingAgeMs: null },
      });
      expect(await (await fetch(`${url}/`)).text()).toBe("<h1>Contoso portal</h1>");
      expect((await fetch(`${url}/../secrets.json`)).status).toBe(404);

      const asAnna = createHttpApi({
        endpoint: `${url}/sspr`,
        headers: async () => ({ authorization: `Bearer ${token}` }),
      });
      const pending = await asAnna.addContactMethod({ kind: "email", value: "anna@example.org" });
      await asAnna.verifyContactMethod({
        pendingId: pending.pendingId,
        code: await codeSentTo(outbox, "anna@example.org", 1),
      });

      const api = createHttpApi({ endpoint: `${url}/sspr` });
      const botProof = await solveBotChallenge(await api.getBotChallenge());
      let flow = await api.startReset({ identifier: "anna@contoso.com", botProof });
      flow = await api.chooseMethod({
        flowId: flow.flowId,
        methodId: flow.methods[0]?.id ?? "",
        contact: "anna@example.org",
      });
      flow = await api.verifyCode({
        flowId: flow.flowId,
        code: await codeSentTo(outbox, "anna@example.org", 2),
      });
      flow = await api.completeReset({
        flowId: flow.flowId,
        newPassword: "correct horse battery staple",
      });
      expect(flow.step).toBe("done");
      for (let i = 0; i < 100 && !(await readFile(outbox, "utf8")).includes("was just reset"); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await readFile(outbox, "utf8")).toContain(
        "The password of your sspr account was just reset",
      );

      // SIGTERM while a request is in flight (anonymous answers take at least 250 ms): it is answered.
      const proof = await solveBotChallenge(await api.getBotChallenge());
      const inFlight = api.startReset({ identifier: "nobody@contoso.com", botProof: proof });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stopped = untilPrinted(server, /sspr stopped/);
      server.kill("SIGTERM");
      expect((await inFlight).methods.length).toBeGreaterThan(0);
      await stopped;
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      const code = await new Promise((resolve) => server.on("close", resolve));
      expect(code).toBe(0);
      // The logs are JSON lines and hold no secret, code, token or password.
      const lines = printed.trim().split("\n");
      expect(lines.every((line) => JSON.parse(line).level > 0)).toBe(true);
      const secrets = JSON.parse(await readFile(join(dataDir, "secrets.json"), "utf8"));
      const codes = (await readFile(outbox, "utf8"))
        .trim()
        .split("\n")
        .flatMap((line) => (JSON.parse(line) as { text: string }).text.match(/\d{8}/g) ?? []);
      for (const secret of [
        secrets.tokenSecret,
        secrets.hmacKeys[0].key,
        secrets.encryptionKeys[0].key,
        token,
        "correct horse battery staple",
        ...codes,
      ])
        expect(printed).not.toContain(secret);
    } finally {
      await remove();
    }
    // Four commands and the server are processes of their own, each compiling its sources on start.
  }, 60_000);
});
