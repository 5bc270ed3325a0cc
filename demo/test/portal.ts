import { execFile } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { AxeResults } from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { adminPolicyEn } from "../../packages/elements/src/i18n/admin-policy.en.js";
import { adminPolicyNl } from "../../packages/elements/src/i18n/admin-policy.nl.js";
import { adminReportEn } from "../../packages/elements/src/i18n/admin-report.en.js";
import { adminReportNl } from "../../packages/elements/src/i18n/admin-report.nl.js";
import { adminUsersEn } from "../../packages/elements/src/i18n/admin-users.en.js";
import { adminUsersNl } from "../../packages/elements/src/i18n/admin-users.nl.js";
import { commonEn } from "../../packages/elements/src/i18n/common.en.js";
import { commonNl } from "../../packages/elements/src/i18n/common.nl.js";
import { registerEn } from "../../packages/elements/src/i18n/register.en.js";
import { registerNl } from "../../packages/elements/src/i18n/register.nl.js";
import { resetEn } from "../../packages/elements/src/i18n/reset.en.js";
import { resetNl } from "../../packages/elements/src/i18n/reset.nl.js";
import { chromiumArgs, chromiumPath } from "../../scripts/chromium.mjs";
import { type Language, texts } from "../src/texts.js";

declare global {
  interface Window {
    axe?: { run(context: Document, options: object): Promise<AxeResults> };
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));
const axeScript = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
/** Where each step's screenshot goes: the journey's artefacts. */
const screenshots = fileURLToPath(new URL("screenshots/", import.meta.url));

/** A port nothing listens on now, so the server's address is known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("No port")),
      );
    });
  });
}

/** Builds the portal's script, as `npm start` does. */
export async function buildDemo(): Promise<void> {
  await promisify(execFile)(process.execPath, ["--import", "tsx", "demo/build.ts"], { cwd: root });
  await mkdir(screenshots, { recursive: true });
}

/** Debian's Chromium (or CHROMIUM_PATH), started as this machine requires. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

const catalogues = {
  en: {
    ...commonEn,
    ...resetEn,
    ...registerEn,
    ...adminPolicyEn,
    ...adminUsersEn,
    ...adminReportEn,
    ...texts.en,
  },
  nl: {
    ...commonNl,
    ...resetNl,
    ...registerNl,
    ...adminPolicyNl,
    ...adminUsersNl,
    ...adminReportNl,
    ...texts.nl,
  },
};
type Key = keyof (typeof catalogues)["en"];

/** The texts a visitor reads, in one language: the portal's and the elements' own. */
export function textsIn(language: Language) {
  const catalogue: Record<Key, string> = catalogues[language];
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return {
    /** The text with its placeholders filled. */
    text: (key: Key, values: Record<string, string | number> = {}) =>
      catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? "")),
    /** Matches the text whatever its placeholders hold. */
    pattern: (key: Key) =>
      new RegExp(
        `^${catalogue[key]
          .split(/\{\w+\}/)
          .map(literal)
          .join(".*")}$`,
      ),
  };
}

/**
 * Records a step of the journey: waits for its heading, checks it with axe (shadow DOM
 * included) and saves a screenshot named after it.
 */
export async function step(page: Page, name: string, heading: string | RegExp): Promise<void> {
  try {
    await page.getByRole("heading", { name: heading }).first().waitFor();
  } catch (error) {
    await page.screenshot({ path: `${screenshots}${name}-failed.png`, fullPage: true });
    throw error;
  }
  // Evaluated through the debugger, which the page's CSP does not govern (a script tag would be
  // refused as inline, as it should be).
  if (!(await page.evaluate(() => window.axe !== undefined)))
    await page.evaluate(await readFile(axeScript, "utf8"));
  const violations = await page.evaluate(async () => {
    const results = await window.axe?.run(document, { resultTypes: ["violations"] });
    return (results?.violations ?? []).map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
  });
  if (violations.length > 0) throw new Error(`axe on "${name}":\n${violations.join("\n")}`);
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });
}

/** How many messages the dev inbox panel shows. */
export const inboxSize = (page: Page) => page.locator("aside li").count();

/** Waits until the dev inbox panel shows more than `before` messages; the newest one. */
export async function newestMessage(
  page: Page,
  before: number,
): Promise<{ channel: string; text: string; code: string }> {
  await page.waitForFunction((n) => document.querySelectorAll("aside li").length > n, before);
  const newest = page.locator("aside li").first();
  const text = (await newest.textContent()) ?? "";
  return {
    channel: (await newest.getAttribute("data-channel")) ?? "",
    text,
    code: text.match(/\b\d{8}\b/)?.[0] ?? "",
  };
}

/** What the reset element shows, with what differs per person (masked hints, countdowns) blanked. */
export async function resetScreen(page: Page): Promise<string> {
  const snapshot = await page.locator("sspr-reset").ariaSnapshot();
  return snapshot
    .replace(/[a-z0-9](\u2022+)@[a-z0-9](\u2022+)/g, "?$1@?$2")
    .replace(/(\u2022\u2022)\d\d/g, "$1??")
    .replace(/\d+ s\b/g, "? s")
    .split("\n")
    .sort()
    .join("\n");
}
