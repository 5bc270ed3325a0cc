import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../packages/server/test/cli.js";
import {
  codeSentTo,
  type ServerProcess,
  startServerProcess,
} from "../../packages/server/test/server-process.js";
import { sqliteFile } from "../../packages/server/test/services.js";
import { freePort, launchChromium, textsIn } from "./portal.js";

/** Where the README's Deploy section says `sspr serve` is reachable. */
const README_SERVER = "https://sspr.example.org";
/** The README's page snippet for another origin: the html block of its Deploy section. */
async function readmeSnippet(): Promise<string> {
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  const deploy = readme.slice(readme.indexOf("\n## Deploy"));
  const block = deploy.match(/```html\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error("The README's Deploy section has no html block");
  return block;
}

const { text, pattern } = textsIn("en");
const anna = { identifier: "anna@contoso.com", email: "anna@example.org" };

describe("the elements from sspr serve, on a portal page of another origin", () => {
  let browser: Browser;
  let server: ServerProcess;
  let portal: Server;
  let portalUrl: string;
  let outbox: string;
  let remove: () => Promise<void>;
  let tags: string;

  beforeAll(async () => {
    const data = await sqliteFile();
    remove = data.remove;
    const env = { SSPR_DATA_DIR: join(data.file, "..") };
    outbox = join(env.SSPR_DATA_DIR, "outbox.jsonl");
    await runCli(
      ["user", "add", "anna", "--email", anna.identifier, "--password", "an old password"],
      env,
    );
    const portalPort = await freePort();
    portalUrl = `http://127.0.0.1:${portalPort}`;
    server = await startServerProcess({ ...env, SSPR_CORS_ORIGINS: portalUrl });
    const signedIn = await server.as("anna");
    const { pendingId } = await signedIn.addContactMethod({ kind: "email", value: anna.email });
    await signedIn.verifyContactMethod({
      pendingId,
      code: await codeSentTo(outbox, anna.email, 1),
    });
    tags = (await runCli(["elements", server.url], env)).stdout.trim();
    // The README's snippet as an integrator pastes it: their server's address, and the script
    // tag `sspr elements` printed (its hash is this build's).
    const snippet = (await readmeSnippet())
      .replace(/<script[^>]*sspr-elements\.js[^>]*><\/script>/, tags.split("\n")[0] ?? "")
      .replaceAll(README_SERVER, server.url);
    portal = createServer((_, response) =>
      response
        .writeHead(200, { "content-type": "text/html" })
        .end(`<!doctype html><html lang="en"><title>Portal</title><body>${snippet}</body></html>`),
    );
    await new Promise<void>((resolve) => portal.listen(portalPort, "127.0.0.1", resolve));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => portal?.close(resolve));
    await server?.stop();
    await remove?.();
  });

  it("prints versioned script tags pinned by their integrity hash, as the README shows them", async () => {
    const snippet = await readmeSnippet();
    const shape = (tag: string) => tag.replace(/sha384-[A-Za-z0-9+/=]+/, "sha384-…");
    const [selfService, admin] = tags.split("\n");
    expect(selfService).toMatch(
      /^<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/elements\/\d+\.\d+\.\d+\/sspr-elements\.js" integrity="sha384-[A-Za-z0-9+/=]{64}" crossorigin="anonymous"><\/script>$/,
    );
    expect(admin).toContain("/sspr-admin.js");
    expect(snippet).toContain(shape(selfService ?? "").replace(server.url, README_SERVER));
  });

  it("serves the bundles to any origin, kept for a year", async () => {
    const src = tags.match(/src="([^"]+)"/)?.[1] ?? "";
    const answer = await fetch(src, { headers: { origin: "https://elsewhere.example" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(answer.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await fetch(src.replace("sspr-elements.js", "../secrets.json"))).status).toBe(404);
  });

  it("completes a reset in Chromium through the pasted snippet", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    try {
      await page.goto(portalUrl);
      const button = (name: string | RegExp) => page.getByRole("button", { name });
      await page.getByLabel(text("reset.identify.label")).fill(anna.identifier);
      await button(text("reset.identify.submit")).click();
      await button(pattern("reset.method.email")).click();
      await page.getByLabel(text("reset.confirm.label.email")).fill(anna.email);
      await button(text("reset.confirm.submit")).click();
      await page.getByLabel(text("reset.code.label")).fill(await codeSentTo(outbox, anna.email, 2));
      await button(text("reset.code.submit")).click();
      const password = "a new lantern orchard 42";
      await page.getByLabel(text("reset.password.label"), { exact: true }).fill(password);
      await page.getByLabel(text("reset.password.confirm")).fill(password);
      await button(text("reset.password.submit")).click();
      await page.getByRole("heading", { name: text("reset.done.heading") }).waitFor();
      expect(failures).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("refuses a browser's call from an origin the configuration does not list", async () => {
    const challenge = (origin: string) =>
      fetch(`${server.url}/sspr/reset/challenge`, { method: "POST", headers: { origin } });
    const answer = await challenge("https://evil.example");
    expect(answer.status).toBe(403);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    const listed = await challenge(portalUrl);
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe(portalUrl);
  });
});
