import { readFile } from "node:fs/promises";
import type { BearerTokens, Directory } from "@sspr/engine";
import { Hono } from "hono";
import { z } from "zod";
import { demoUsers } from "./demo-users.js";

const signInSchema = z.strictObject({
  identifier: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/**
 * What only the demo portal needs, mounted at `/demo` when `demo` is on: a sign-in against the
 * directory that hands out a bearer token, the seeded people, and the dev inbox (the outbox
 * file). Never for production: the inbox shows every code.
 */
export function createDemoApp(options: {
  directory: Directory;
  tokens: BearerTokens;
  outboxFile: string | null;
}): Hono {
  const app = new Hono();
  app.get("/users", (c) =>
    c.json(
      demoUsers.map((u) => ({
        identifier: u.identifiers[0],
        displayName: u.displayName,
        isAdmin: u.isAdmin,
        password: u.password,
      })),
    ),
  );
  app.post("/sign-in", async (c) => {
    const body = signInSchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: "Send identifier and password" }, 400);
    const { identifier, password } = body.data;
    const user = await options.directory.findUser(identifier);
    const valid =
      user !== null &&
      !user.disabled &&
      (await options.directory.verifyPassword(user.id, password));
    if (!user || !valid) return c.json({ error: "Wrong user name or password" }, 401);
    return c.json({
      token: await options.tokens.issue(user.id),
      user: { id: user.id, displayName: user.displayName, isAdmin: user.isAdmin },
    });
  });
  app.get("/inbox", async (c) => {
    const text = options.outboxFile
      ? await readFile(options.outboxFile, "utf8").catch(() => "")
      : "";
    const messages = text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .reverse();
    return c.json(messages);
  });
  return app;
}
