import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess } from "../../packages/server/test/server-process.js";
import type { Language } from "../src/texts.js";
import {
  buildDemo,
  freePort,
  inboxSize,
  launchChromium,
  newestMessage,
  resetScreen,
  step,
  textsIn,
} from "./portal.js";

const ben = {
  identifier: "ben@contoso.com",
  password: "Ben's first password",
  email: "ben@example.org",
  phone: "+31 6 12345678",
};
const admin = { identifier: "admin@contoso.com", password: "The admin's first password" };

let browser: Browser;
beforeAll(async () => {
  await buildDemo();
  browser = await launchChromium();
}, 60_000);
afterAll(() => browser?.close());

// The whole journey, on a fresh `sspr serve` in demo mode, once per language.
describe.each<Language>(["en", "nl"])("the portal in %s", (language) => {
  const { text, pattern } = textsIn(language);
  const shot = (n: number, name: string) => `${language}-${String(n).padStart(2, "0")}-${name}`;
  let page: Page;
  let stop: () => Promise<number | null>;
  /** What the reset showed the real user, to compare with an unknown user's. */
  const seen: Record<string, string> = {};
  const newPassword = `${language} blue lantern orchard 42`;
  /** What the browser refused under the server's Content-Security-Policy. */
  const refused: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const server = await startServerProcess({
      SSPR_DATA_DIR: await mkdtemp(join(tmpdir(), "sspr-demo-")),
      SSPR_DEMO: "true",
      SSPR_STATIC_DIR: "demo/public",
      SSPR_LISTEN_PORT: String(port),
      SSPR_INVITATION_URL: `http://127.0.0.1:${port}/?invitation={invitation}#/forgot`,
    });
    stop = server.stop;
    page = await browser.newPage();
    page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) refused.push(message.text());
    });
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    if (language === "nl") await page.getByRole("combobox").selectOption("nl");
    await step(page, shot(1, "sign-in"), text("signIn"));
  }, 60_000);
  afterAll(async () => {
    await page?.close();
    await stop?.();
  });

  async function signIn(who: { identifier: string; password: string }) {
    await page.getByLabel(text("userName")).fill(who.identifier);
    await page.getByLabel(text("password"), { exact: true }).fill(who.password);
    await page.getByRole("button", { name: text("signIn") }).click();
  }
  const signOut = () => page.getByRole("button", { name: text("signOut") }).click();
  const button = (name: string | RegExp) => page.getByRole("button", { name });
  async function submitWrongCode() {
    await page.getByLabel(text("reset.code.label")).fill("00000000");
    await button(text("reset.code.submit")).click();
    await page
      .getByRole("alert")
      .filter({ hasText: pattern("problem.code-invalid") })
      .waitFor();
  }

  it("lets the administrator require two methods: email and text message", async () => {
    await signIn(admin);
    // Administrators always need two methods, so the portal asks for registration first.
    await step(page, shot(2, "admin-registration-due"), text("register.overview.heading"));
    await page.getByRole("link", { name: text("policy") }).click();
    await step(page, shot(3, "admin-policy"), text("policy.heading"));
    await page.getByRole("radio", { name: text("policy.methodsRequired.2") }).check();
    await page.getByRole("checkbox", { name: text("policy.methods.app") }).uncheck();
    await button(text("policy.save")).click();
    await page.getByText(text("policy.saved")).waitFor();
    await step(page, shot(4, "admin-policy-saved"), text("policy.heading"));
    await signOut();
  }, 60_000);

  it("asks a user to register, and registers email and phone with codes from the inbox", async () => {
    await signIn(ben);
    await step(page, shot(5, "registration-due"), text("register.overview.heading"));
    await page.getByText(text("registerFirst")).waitFor();
    for (const [kind, value, channel] of [
      ["email", ben.email, "email"],
      ["phone", ben.phone, "sms"],
    ] as const) {
      await button(text(`register.add.${kind}`)).click();
      await step(
        page,
        shot(kind === "email" ? 6 : 8, `add-${kind}`),
        text(`register.contact.heading.${kind}`),
      );
      await page.getByLabel(text(`register.contact.label.${kind}`)).fill(value);
      const before = await inboxSize(page);
      await button(text("register.contact.submit")).click();
      await step(
        page,
        shot(kind === "email" ? 7 : 9, `verify-${kind}`),
        text("register.verify.heading"),
      );
      const message = await newestMessage(page, before);
      expect(message.channel).toBe(channel);
      expect(message.text).toMatch(language === "nl" ? /verificatiecode/ : /verification code/);
      await page.getByLabel(text("register.code.label")).fill(message.code);
      await button(text("register.code.submit")).click();
      await page.getByRole("heading", { name: text("register.overview.heading") }).waitFor();
    }
    await expect(
      page.getByText(text("register.overview.required", { required: 2, count: 2 })).count(),
    ).resolves.toBe(1);
    await button(text("register.overview.finish")).click();
    await step(page, shot(10, "registered"), text("register.complete.heading"));
    await signOut();
  }, 60_000);

  it("resets the forgotten password with an email code and a text-message code", async () => {
    await page.getByRole("link", { name: text("forgot") }).click();
    await step(page, shot(11, "forgot"), text("reset.identify.heading"));
    await page.getByLabel(text("reset.identify.label")).fill(ben.identifier);
    await button(text("reset.identify.submit")).click();
    await step(page, shot(12, "choose-first"), text("reset.choose.heading"));
    seen["choose-method"] = await resetScreen(page);

    await button(pattern("reset.method.email")).click();
    await step(page, shot(13, "confirm-email"), text("reset.confirm.heading"));
    seen["confirm-contact"] = await resetScreen(page);
    await page.getByLabel(text("reset.confirm.label.email")).fill(ben.email);
    let before = await inboxSize(page);
    await button(text("reset.confirm.submit")).click();
    await step(page, shot(14, "email-code"), text("reset.code.heading"));
    seen["enter-code"] = await resetScreen(page);
    const email = await newestMessage(page, before);
    expect(email.channel).toBe("email");
    // A wrong code first: the answer must look the same for an unknown user.
    await submitWrongCode();
    seen["wrong-code"] = await resetScreen(page);
    await page.getByLabel(text("reset.code.label")).fill(email.code);
    await button(text("reset.code.submit")).click();

    await step(page, shot(15, "choose-second"), text("reset.choose.heading"));
    await page.getByText(text("reset.choose.progress", { verified: 2, required: 2 })).waitFor();
    await button(pattern("reset.method.phone")).click();
    await page.getByLabel(text("reset.confirm.label.phone")).fill(ben.phone);
    before = await inboxSize(page);
    await button(text("reset.confirm.submit")).click();
    await step(page, shot(16, "sms-code"), text("reset.code.heading"));
    const sms = await newestMessage(page, before);
    expect(sms.channel).toBe("sms");
    await page.getByLabel(text("reset.code.label")).fill(sms.code);
    await button(text("reset.code.submit")).click();

    await step(page, shot(17, "new-password"), text("reset.password.heading"));
    // The old password meets the checklist but not the history rule, which only the engine knows.
    await page.getByLabel(text("reset.password.label"), { exact: true }).fill(ben.password);
    await page.getByLabel(text("reset.password.confirm")).fill(ben.password);
    await button(text("reset.password.submit")).click();
    await page.getByText(text("problem.password-rejected")).waitFor();
    await step(page, shot(18, "password-rejected"), text("reset.password.heading"));
    before = await inboxSize(page);
    await page.getByLabel(text("reset.password.label"), { exact: true }).fill(newPassword);
    await page.getByLabel(text("reset.password.confirm")).fill(newPassword);
    await button(text("reset.password.submit")).click();
    await step(page, shot(19, "done"), text("reset.done.heading"));

    const notice = await newestMessage(page, before);
    expect(notice.text).toMatch(language === "nl" ? /zojuist opnieuw ingesteld/ : /was just reset/);
    await step(page, shot(20, "notice-in-inbox"), text("reset.done.heading"));
  }, 90_000);

  it("signs in with the new password only", async () => {
    await page.getByRole("link", { name: text("reset.done.back") }).click();
    await signIn(ben);
    await page
      .getByRole("alert")
      .filter({ hasText: text("wrongPassword") })
      .waitFor();
    await step(page, shot(21, "old-password-refused"), text("signIn"));
    await signIn({ ...ben, password: newPassword });
    await step(page, shot(22, "signed-in"), text("welcome", { name: "Ben Bakker" }));
    await signOut();
  }, 60_000);

  it("walks an unknown user ID through the same screens up to code verification", async () => {
    await page.getByRole("link", { name: text("forgot") }).click();
    await page.getByLabel(text("reset.identify.label")).fill("nobody@contoso.com");
    await button(text("reset.identify.submit")).click();
    await step(page, shot(23, "unknown-choose"), text("reset.choose.heading"));
    expect(seen["choose-method"]).toContain(text("reset.method.email", { hint: "?•••@?•••" }));
    expect(seen["wrong-code"]).toContain(text("problem.code-invalid", { attemptsLeft: 4 }));
    expect(await resetScreen(page)).toBe(seen["choose-method"]);
    await button(pattern("reset.method.email")).click();
    await step(page, shot(24, "unknown-confirm"), text("reset.confirm.heading"));
    expect(await resetScreen(page)).toBe(seen["confirm-contact"]);
    await page.getByLabel(text("reset.confirm.label.email")).fill("nobody@example.org");
    await button(text("reset.confirm.submit")).click();
    await step(page, shot(25, "unknown-code"), text("reset.code.heading"));
    expect(await resetScreen(page)).toBe(seen["enter-code"]);
    await submitWrongCode();
    expect(await resetScreen(page)).toBe(seen["wrong-code"]);
  }, 60_000);

  it("lets the administrator invite a user to reset, and shows the users and the usage report", async () => {
    await page.getByRole("link", { name: text("cancel") }).click();
    await signIn(admin);
    await page.getByRole("link", { name: text("users"), exact: true }).click();
    await step(page, shot(26, "admin-users"), text("users.heading"));
    const row = page.getByRole("row", { name: /Ben Bakker/ });
    await row.waitFor();
    await page
      .getByRole("checkbox", { name: text("users.select", { name: "Anna de Vries" }) })
      .check();
    await button(text("users.action.reset")).click();
    await step(
      page,
      shot(27, "admin-invite"),
      text("users.reset.heading.one", { name: "Anna de Vries" }),
    );
    await page.getByLabel(text("users.sendTo")).fill("anna.home@example.org");
    const before = await inboxSize(page);
    await button(text("users.reset.confirm.one")).click();
    await step(page, shot(28, "admin-invited"), text("users.results.heading"));
    const invitation = await newestMessage(page, before);
    const link = invitation.text.match(/https?:\/\/\S+/)?.[0] ?? "";
    expect(link).toContain("invitation=");

    await page.getByRole("link", { name: text("report"), exact: true }).click();
    await step(page, shot(29, "admin-report"), text("report.heading"));
    await expect(
      page.locator('sspr-admin-report dd[data-total="resets"]').textContent(),
    ).resolves.toBe("1");
    await signOut();

    // Anna follows the invitation: straight to a new password, no methods needed.
    await page.goto(link);
    await step(page, shot(30, "invitation-new-password"), text("reset.password.heading"));
    const annaPassword = `${language} invited harbour lamps 7`;
    await page.getByLabel(text("reset.password.label"), { exact: true }).fill(annaPassword);
    await page.getByLabel(text("reset.password.confirm")).fill(annaPassword);
    await button(text("reset.password.submit")).click();
    await step(page, shot(31, "invitation-done"), text("reset.done.heading"));
    await page.getByRole("link", { name: text("reset.done.back") }).click();
    await signIn({ identifier: "anna@contoso.com", password: annaPassword });
    // Signed in: with nothing registered under a two-method policy, she is asked to register.
    await page.getByRole("heading", { name: text("securityInfo"), level: 1 }).waitFor();
    await signOut();
  }, 90_000);

  it("runs under the server's Content-Security-Policy without one refusal", async () => {
    const headers = (await page.request.get(page.url())).headers();
    expect(headers["content-security-policy"]).toContain("script-src 'self'");
    expect(refused).toEqual([]);
  });
});
