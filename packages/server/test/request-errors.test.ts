import { solveBotChallenge } from "@sspr/core";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { startReset, startServerProcess } from "./server-process.js";
import { freshSchema, postgresAvailable, postgresUrl, sqliteFile } from "./services.js";

const ready = await postgresAvailable();

/** A JSON request as any client could send it, past every check a typed client makes. */
async function send(url: string, path: string, body: unknown, token?: string) {
  const response = await fetch(`${url}/sspr${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: response.headers.get("x-request-id"),
    problem: (await response.json()) as {
      code?: string;
      requestId?: string;
      errors?: { path: string; message: string }[];
    },
  };
}

describe.runIf(ready)("sspr serve on PostgreSQL, with bytes no person types", () => {
  it("refuses control characters with a 400 on every route a string reaches a query by, and logs each unexpected error with its request id", async () => {
    const { schema, drop } = await freshSchema();
    const { file, remove } = await sqliteFile();
    const env = {
      SSPR_DATA_DIR: `${file}.data`,
      SSPR_DATABASE_URL: `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    };
    await runCli(
      ["user", "add", "anna", "--email", "anna@contoso.com", "--password", "an old password"],
      env,
    );
    await runCli(
      [
        "user",
        "add",
        "root",
        "--email",
        "root@contoso.com",
        "--admin",
        "--password",
        "a root pass",
      ],
      env,
    );
    const server = await startServerProcess(env);
    let printed = "";
    server.child.stdout?.on("data", (chunk) => {
      printed += chunk;
    });
    try {
      const anna = (await runCli(["token", "anna"], env)).stdout.trim();
      const root = (await runCli(["token", "root"], env)).stdout.trim();
      const flow = await startReset(server.api, "anna@contoso.com");
      const nul = "anna\u0000";
      const refusals = [
        await send(server.url, "/reset/start", {
          identifier: nul,
          botProof: await solveBotChallenge(await server.api.getBotChallenge()),
        }),
        await send(server.url, "/reset/choose-method", {
          flowId: flow.flowId,
          methodId: nul,
        }),
        await send(server.url, "/reset/choose-method", {
          flowId: flow.flowId,
          methodId: flow.methods[0]?.id,
          contact: "anna@contoso.com\u0000",
        }),
        await send(server.url, "/reset/answer-questions", {
          flowId: flow.flowId,
          answers: [{ questionId: "pet", answer: "rex\u0000" }],
        }),
        await send(server.url, "/reset/answer-questions", {
          flowId: flow.flowId,
          answers: [{ questionId: "pet\u0000", answer: "rex" }],
        }),
        await send(server.url, "/reset/complete", { flowId: flow.flowId, newPassword: `x${nul}` }),
        await send(server.url, "/registration/remove", { methodId: nul }, anna),
        await send(
          server.url,
          "/registration/contacts",
          { kind: "email", value: `a${nul}@b.c` },
          anna,
        ),
        await send(server.url, "/admin/users", { search: nul, offset: 0, limit: 10 }, root),
        await send(server.url, "/admin/users/reset", { userId: nul, mode: "temporary" }, root),
        await send(
          server.url,
          "/admin/users/bulk-reset",
          { userIds: [nul], mode: "temporary" },
          root,
        ),
        await send(
          server.url,
          "/admin/users/never-expires",
          { userId: nul, neverExpires: true },
          root,
        ),
        await send(server.url, "/admin/audit", { actor: nul, offset: 0, limit: 10 }, root),
        await send(
          server.url,
          "/admin/audit",
          { subject: "\u001b[2J", offset: 0, limit: 10 },
          root,
        ),
      ];
      for (const refusal of refusals) {
        expect(refusal.status).toBe(400);
        expect(refusal.problem.code).toBe("invalid-request");
        // Refused for the character, not for another fault in the body.
        expect(refusal.problem.errors?.map((e) => e.message)).toEqual([
          "Control characters are not allowed",
        ]);
      }
      // A valid identifier with an escape in its proof is refused as well, before the proof is checked.
      expect(
        (await send(server.url, "/reset/start", { identifier: "anna", botProof: "a\u0007" }))
          .status,
      ).toBe(400);
      expect(printed).not.toContain("request failed");

      // An error nobody foresaw (the audit table gone) is a 500 whose id the log line carries.
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop table ${schema}.audit`);
      await client.end();
      const failed = await send(server.url, "/admin/audit", { offset: 0, limit: 10 }, root);
      expect(failed.status).toBe(500);
      expect(failed.problem.code).toBe("internal");
      expect(failed.problem.requestId).toBe(failed.requestId);
      for (let i = 0; i < 50 && !printed.includes("request failed"); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const line = printed
        .split("\n")
        .filter(Boolean)
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .find((entry) => entry.msg === "request failed");
      expect(line).toMatchObject({
        level: 50,
        requestId: failed.requestId,
        method: "POST",
        path: "/sspr/admin/audit",
        err: { message: expect.stringContaining('"audit" does not exist') },
      });
      expect(JSON.stringify(line)).not.toContain(root);
    } finally {
      await server.stop();
      await drop();
      await remove();
    }
  }, 90_000);
});
