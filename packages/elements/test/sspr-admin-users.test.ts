import { expect } from "@esm-bundle/chai";
import type { BulkProgress, SsprApi } from "@sspr/core";
import type { SsprAdminUsersElement } from "../src/components/admin-users/sspr-admin-users.component.js";
import "../src/components/admin-users/sspr-admin-users.js";
import type { SsprErrorEvent, SsprUsersUpdatedEvent } from "../src/events/sspr-events.js";
import { axeViolations } from "./accessibility.js";
import { pageEngine } from "./browser-engine.js";
import { button, fill, problemShown, submit, until, untilHeading } from "./steps.js";

type Element = SsprAdminUsersElement;

async function mounted(api: SsprApi, locale?: string) {
  const element = document.createElement("sspr-admin-users");
  element.api = api;
  if (locale) element.setAttribute("locale", locale);
  const updates: SsprUsersUpdatedEvent[] = [];
  element.addEventListener("sspr-users-updated", (event) => updates.push(event));
  document.body.append(element);
  return { element, updates };
}

const text = (node: Node | null | undefined) =>
  node?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const rows = (element: Element) => [
  ...(element.shadowRoot?.querySelectorAll<HTMLTableRowElement>("tbody tr") ?? []),
];
const row = (element: Element, id: string) => {
  const found = element.shadowRoot?.querySelector(`tr[data-user="${id}"]`);
  if (!found) throw new Error(`No row for ${id}`);
  return found;
};
const cell = (element: Element, id: string, name: string) =>
  text(row(element, id).querySelector(`[data-cell="${name}"]`));
const checkbox = (element: Element, id: string, name = "select") => {
  const found = row(element, id).querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!found) throw new Error(`No ${name} checkbox for ${id}`);
  return found;
};
const choose = (element: Element, mode: string) => {
  const radio = element.shadowRoot?.querySelector<HTMLInputElement>(
    `[name="mode"][value="${mode}"]`,
  );
  if (!radio) throw new Error(`No way ${mode}`);
  radio.click();
};
const modes = (element: Element) =>
  [...(element.shadowRoot?.querySelectorAll<HTMLInputElement>('[name="mode"]') ?? [])].map(
    (radio) => radio.value,
  );
const result = (element: Element, id: string) =>
  element.shadowRoot?.querySelector<HTMLLIElement>(`[part="results"] li[data-user="${id}"]`);
const paging = (element: Element) =>
  text(element.shadowRoot?.querySelector('[part="paging"] [role="status"]'));
/** Users on the page, in order. */
const ids = (element: Element) => rows(element).map((r) => r.dataset.user);

/** The results step, once reached: axe must find nothing there. */
const untilResults = (element: Element) => untilHeading(element, /^Results$/);

/** Adds users `user01` … `userNN` with nothing registered. */
async function addUsers(directory: Awaited<ReturnType<typeof pageEngine>>["directory"], n: number) {
  for (let i = 1; i <= n; i++) {
    const id = `user${String(i).padStart(2, "0")}`;
    await directory.addUser(
      {
        id,
        identifiers: [`${id}@contoso.com`],
        displayName: `User ${i}`,
        groups: [],
        isAdmin: false,
        disabled: false,
        locked: i === 3,
      },
      `an old password of ${id}`,
    );
  }
}

/** The administrator's API with bulk streams that pass a line on only when the test allows. */
function stepped(api: SsprApi) {
  let allowed = 0;
  const hold = (lines: AsyncIterable<BulkProgress>): AsyncIterable<BulkProgress> =>
    (async function* () {
      let passed = 0;
      for await (const line of lines) {
        await until(() => allowed > passed, "the test to let a line through");
        passed += 1;
        yield line;
      }
    })();
  return {
    api: {
      ...api,
      bulkResetPasswords: (request) => hold(api.bulkResetPasswords(request)),
      forcePasswordChange: (request) => hold(api.forcePasswordChange(request)),
    } satisfies SsprApi,
    allow: (lines: number) => {
      allowed += lines;
    },
  };
}

/** Replaces the clipboard with one that records what is written. */
function recordClipboard(): { written: string[]; restore: () => void } {
  const written: string[] = [];
  Object.defineProperty(navigator, "clipboard", {
    configurable: true,
    value: { writeText: async (value: string) => void written.push(value) },
  });
  return {
    written,
    restore: () => {
      delete (navigator as { clipboard?: unknown }).clipboard;
    },
  };
}

describe("<sspr-admin-users>", () => {
  it("lists users with their registration and password state, searching and paging", async () => {
    const { apiFor, directory } = await pageEngine();
    const admin = apiFor("admin");
    const { policy, version } = await admin.getPolicy();
    await admin.savePolicy({
      policy: { ...policy, password: { ...policy.password, expiryDays: 90, warningDays: 14 } },
      version,
    });
    await addUsers(directory, 30);
    const { element } = await mounted(admin);
    await untilHeading(element, /^Users$/);

    expect(rows(element)).to.have.length(25);
    expect(ids(element).slice(0, 4)).to.deep.equal(["admin", "anna", "ben", "user01"]);
    expect(paging(element)).to.equal("1–25 of 33");
    expect(text(row(element, "anna").querySelector("th"))).to.equal(
      "Anna de Vries anna@contoso.com",
    );
    expect(text(row(element, "admin").querySelector("th"))).to.contain("Administrator");
    expect(text(row(element, "user03").querySelector("th"))).to.contain("Locked");
    expect(cell(element, "anna", "registered")).to.equal("email");
    expect(cell(element, "ben", "registered")).to.equal("Nothing registered Must register");
    expect(cell(element, "anna", "last-reset")).to.equal("Never");
    const expires = new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(
      Date.now() + 90 * 86_400_000,
    );
    expect(cell(element, "anna", "password")).to.equal(`Valid Expires on ${expires}`);
    expect(element.shadowRoot?.querySelector("caption")?.textContent).to.contain("Users");
    expect(checkbox(element, "anna").getAttribute("aria-label")).to.equal("Select Anna de Vries");
    expect(button(element, /Previous/).disabled).to.equal(true);
    expect(button(element, /Reset password…/).disabled).to.equal(true);

    // The selection is kept across pages.
    const selectPage = element.shadowRoot?.querySelector<HTMLInputElement>('[name="select-page"]');
    selectPage?.click();
    await element.updateComplete;
    expect(text(element.shadowRoot?.querySelector('[part="actions"]'))).to.contain("25 selected");
    expect(checkbox(element, "user22").checked).to.equal(true);
    expect(button(element, /Reset password…/).disabled).to.equal(false);

    button(element, /Next/).click();
    await until(() => paging(element) === "26–33 of 33", "the second page");
    expect(ids(element)).to.deep.equal([
      "user23",
      "user24",
      "user25",
      "user26",
      "user27",
      "user28",
      "user29",
      "user30",
    ]);
    expect(button(element, /Next/).disabled).to.equal(true);
    expect(selectPage?.isConnected && selectPage.checked).to.equal(false);
    checkbox(element, "user30").click();
    await element.updateComplete;
    expect(text(element.shadowRoot?.querySelector('[part="actions"]'))).to.contain("26 selected");
    expect(
      element.shadowRoot?.querySelector<HTMLInputElement>('[name="select-page"]')?.indeterminate,
    ).to.equal(true);
    expect(await axeViolations(element)).to.deep.equal([]);

    fill(element, "search", "user1");
    submit(element);
    await until(() => paging(element) === "1–10 of 10", "the search's results");
    expect(ids(element)).to.deep.equal([
      "user10",
      "user11",
      "user12",
      "user13",
      "user14",
      "user15",
      "user16",
      "user17",
      "user18",
      "user19",
    ]);
    fill(element, "search", "nobody at all");
    submit(element);
    await until(() => rows(element).length === 0, "no users found");
    expect(element.shadowRoot?.textContent).to.contain("No users match “nobody at all”.");
    expect(paging(element)).to.equal("0–0 of 0");
    expect(await axeViolations(element)).to.deep.equal([]);
    element.remove();
  });

  it("resets one user by invitation, then with a temporary password shown once", async () => {
    const { apiFor, directory, service, delivery } = await pageEngine();
    const { element, updates } = await mounted(apiFor("admin"));
    await untilHeading(element, /^Users$/);
    checkbox(element, "anna").click();
    await element.updateComplete;
    button(element, /Reset password…/).click();
    await untilHeading(element, /^Reset the password of Anna de Vries$/);
    expect(modes(element)).to.deep.equal(["invitation", "temporary"]);
    expect(
      element.shadowRoot?.querySelector<HTMLInputElement>('[name="mode"][value="invitation"]')
        ?.checked,
    ).to.equal(true);
    expect(element.shadowRoot?.querySelector('[name="sendTo"]')).to.not.equal(null);
    expect(element.shadowRoot?.querySelector('[name="password"]')).to.equal(null);
    button(element, /^\s*Reset password\s*$/).click();
    await untilResults(element);
    expect(text(result(element, "anna"))).to.equal("Anna de Vries Invitation sent to a•••@e•••");
    await service.outbox.runOnce();
    expect(delivery.sent.filter((m) => m.to === "anna@example.org").at(-1)?.text).to.contain(
      "invitation=",
    );
    expect(await directory.verifyPassword("anna", "an old password of anna")).to.equal(true);
    expect(updates.map((u) => [u.operation, u.results])).to.deep.equal([
      ["reset", [{ userId: "anna", outcome: "done", sentTo: ["a•••@e•••"] }]],
    ]);

    button(element, /Back to the users/).click();
    await untilHeading(element, /^Users$/);
    expect(text(element.shadowRoot?.querySelector('[part="actions"]'))).to.contain("0 selected");
    checkbox(element, "anna").click();
    await element.updateComplete;
    button(element, /Reset password…/).click();
    await untilHeading(element, /^Reset the password of Anna de Vries$/);
    choose(element, "temporary");
    await element.updateComplete;
    fill(element, "sendTo", "anna.home@example.org");
    expect(text(element.shadowRoot?.getElementById("sendTo-hint"))).to.equal(
      "The temporary password is emailed there.",
    );
    expect(await axeViolations(element)).to.deep.equal([]);
    submit(element);
    await untilResults(element);
    const password = text(result(element, "anna")?.querySelector('[part="password"]'));
    expect(password).to.match(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await directory.verifyPassword("anna", password)).to.equal(true);
    expect((await directory.getPasswordState("anna"))?.mustChange).to.equal(true);
    expect(text(result(element, "anna"))).to.contain("Also emailed to a•••@e•••");
    expect(element.shadowRoot?.textContent).to.contain("Temporary passwords are shown only now.");

    const clipboard = recordClipboard();
    try {
      const copy = result(element, "anna")?.querySelector<HTMLButtonElement>('[part="copy"]');
      expect(text(copy)).to.equal("Copy the temporary password of Anna de Vries");
      copy?.click();
      const status = () => text(result(element, "anna")?.querySelector('[role="status"]'));
      await until(() => status() === "Copied", "Copied");
      expect(clipboard.written).to.deep.equal([password]);
      expect(await axeViolations(element)).to.deep.equal([]);
    } finally {
      clipboard.restore();
    }
    // Never in the event: only the element showed it, once.
    expect(updates).to.have.length(2);
    expect(JSON.stringify(updates.map((u) => u.results))).to.not.contain(password);
    expect(updates[1]?.results).to.deep.equal([
      { userId: "anna", outcome: "done", sentTo: ["a•••@e•••"] },
    ]);

    button(element, /Back to the users/).click();
    await untilHeading(element, /^Users$/);
    await until(() => cell(element, "anna", "last-reset") !== "Never", "the last reset");
    expect(element.shadowRoot?.textContent).to.not.contain(password);
    expect(cell(element, "anna", "password")).to.equal("Must change at next sign-in");
    element.remove();
  });

  it("resets many users with a temporary password, showing progress and each user's result", async () => {
    const { apiFor, directory } = await pageEngine();
    const { api, allow } = stepped(apiFor("admin"));
    const { element, updates } = await mounted(api);
    const steps: string[] = [];
    element.addEventListener("sspr-step-change", (event) => steps.push(event.step));
    await untilHeading(element, /^Users$/);
    for (const id of ["admin", "anna", "ben"]) checkbox(element, id).click();
    await element.updateComplete;
    button(element, /Reset password…/).click();
    await untilHeading(element, /^Reset the passwords of 3 users$/);
    // One typed password for many people is never offered, nor an address.
    expect(modes(element)).to.deep.equal(["invitation", "temporary"]);
    expect(element.shadowRoot?.querySelector('[name="sendTo"]')).to.equal(null);
    choose(element, "temporary");
    await element.updateComplete;
    button(element, /Reset 3 passwords/).click();

    const progress = () => element.shadowRoot?.querySelector<HTMLProgressElement>("progress");
    const status = () => text(element.shadowRoot?.getElementById("progress-text"));
    await untilHeading(element, /^Resetting passwords…$/);
    expect(status()).to.equal("Starting…");
    expect(progress()?.getAttribute("aria-label")).to.equal("Progress");
    allow(2);
    await until(() => status() === "1 of 3 done", "the first result");
    expect([progress()?.value, progress()?.max]).to.deep.equal([1, 3]);
    expect(progress()?.getAttribute("aria-describedby")).to.equal("progress-text");
    expect(await axeViolations(element)).to.deep.equal([]);
    expect(updates).to.deep.equal([]);
    allow(3);
    await untilResults(element);
    expect(steps).to.include.members(["confirm", "working", "results"]);

    expect(text(element.shadowRoot?.querySelector("h2 + p"))).to.equal(
      "2 done, 1 skipped, 0 failed.",
    );
    expect(text(result(element, "admin"))).to.equal("Anna de Vries Skipped: your own account");
    expect(result(element, "admin")?.dataset.outcome).to.equal("skipped");
    const passwords: Record<string, string> = {};
    for (const id of ["anna", "ben"]) {
      const shown = result(element, id);
      expect(shown?.dataset.outcome).to.equal("done");
      expect(shown?.querySelector('[part="copy"]')).to.not.equal(null);
      passwords[id] = text(shown?.querySelector('[part="password"]'));
      expect(await directory.verifyPassword(id, passwords[id] ?? "")).to.equal(true);
    }
    expect(passwords.anna).to.not.equal(passwords.ben);
    expect(updates).to.have.length(1);
    expect(updates[0]?.operation).to.equal("reset");
    expect(updates[0]?.results).to.deep.equal([
      { userId: "admin", outcome: "skipped", reason: "self" },
      { userId: "anna", outcome: "done" },
      { userId: "ben", outcome: "done" },
    ]);
    element.remove();
  });

  it("requires a change at next sign-in for a selection, and for everyone but the administrator", async () => {
    const { apiFor, directory } = await pageEngine();
    await addUsers(directory, 2);
    const { element, updates } = await mounted(apiFor("admin"));
    await untilHeading(element, /^Users$/);
    checkbox(element, "anna").click();
    checkbox(element, "ben").click();
    await element.updateComplete;
    button(element, /Require a change at next sign-in…/).click();
    await untilHeading(element, /^Require 2 users to change password$/);
    button(element, /^\s*Require a change\s*$/).click();
    await untilResults(element);
    expect(text(result(element, "anna"))).to.equal(
      "Anna de Vries Must change password at next sign-in",
    );
    expect(text(result(element, "ben"))).to.equal(
      "Ben Bakker Must change password at next sign-in",
    );
    expect((await directory.getPasswordState("anna"))?.mustChange).to.equal(true);
    expect((await directory.getPasswordState("ben"))?.mustChange).to.equal(true);
    expect((await directory.getPasswordState("user01"))?.mustChange).to.equal(false);
    expect(updates.map((u) => [u.operation, u.results.length])).to.deep.equal([
      ["force-change", 2],
    ]);

    button(element, /Back to the users/).click();
    await untilHeading(element, /^Users$/);
    await until(
      () => cell(element, "ben", "password") === "Must change at next sign-in",
      "Ben's new password state",
    );
    button(element, /Require everyone except me/).click();
    await untilHeading(element, /^Require everyone except you to change password$/);
    expect(element.shadowRoot?.textContent).to.contain("Your own account is skipped");
    button(element, /^\s*Require a change\s*$/).click();
    await untilResults(element);
    expect(text(element.shadowRoot?.querySelector("h2 + p"))).to.equal(
      "4 done, 1 skipped, 0 failed.",
    );
    expect(text(result(element, "admin"))).to.contain("Skipped: your own account");
    expect((await directory.getPasswordState("user01"))?.mustChange).to.equal(true);
    expect((await directory.getPasswordState("admin"))?.mustChange).to.equal(false);
    element.remove();
  });

  it("reports single resets the engine refuses on the confirm step, and resets with a typed password", async () => {
    const { apiFor, directory, service, delivery } = await pageEngine();
    const admin = apiFor("admin");
    const { policy, version } = await admin.getPolicy();
    await admin.savePolicy({
      policy: { ...policy, adminReset: { temporaryPassword: false, chosenPassword: true } },
      version,
    });
    const { element } = await mounted(admin);
    const errors: (string | undefined)[] = [];
    element.addEventListener("sspr-error", (event: SsprErrorEvent) =>
      errors.push(event.problem?.code),
    );
    await untilHeading(element, /^Users$/);

    // Ben has nothing registered: an invitation needs an address.
    checkbox(element, "ben").click();
    await element.updateComplete;
    button(element, /Reset password…/).click();
    await untilHeading(element, /^Reset the password of Ben Bakker$/);
    expect(modes(element)).to.deep.equal(["invitation", "chosen"]);
    submit(element);
    expect(await problemShown(element)).to.contain("enter an address to send the invitation to");
    expect(element.shadowRoot?.querySelector('[part="error"]')?.getAttribute("role")).to.equal(
      "alert",
    );
    expect(await axeViolations(element)).to.deep.equal([]);
    fill(element, "sendTo", "ben.home@example.org");
    submit(element);
    await untilResults(element);
    expect(text(result(element, "ben"))).to.match(/Invitation sent to b•••@e•••/);
    await service.outbox.runOnce();
    expect(delivery.sent.find((m) => m.to === "ben.home@example.org")?.text).to.contain(
      "invitation=",
    );

    button(element, /Back to the users/).click();
    await untilHeading(element, /^Users$/);
    checkbox(element, "ben").click();
    await element.updateComplete;
    button(element, /Reset password…/).click();
    await untilHeading(element, /^Reset the password of Ben Bakker$/);
    choose(element, "chosen");
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[name="sendTo"]')).to.equal(null);
    fill(element, "password", "ben");
    submit(element);
    const rejected = await problemShown(element);
    expect(rejected).to.contain("That password does not meet the rules:");
    expect(rejected).to.contain("at least 12 characters");
    // Their own name is scored with the banned terms (Entra's score): too few points.
    expect(rejected).to.contain("no banned words");
    expect(rejected).to.not.contain("not one of their recent passwords");
    // Still the same form: what was typed stays, to be corrected.
    expect(
      element.shadowRoot?.querySelector<HTMLInputElement>('[name="password"]')?.value,
    ).to.equal("ben");
    expect(await axeViolations(element)).to.deep.equal([]);
    fill(element, "password", "Correct horse battery staple 42");
    submit(element);
    await untilResults(element);
    expect(text(result(element, "ben"))).to.equal(
      "Ben Bakker Password set; to be changed at next sign-in",
    );
    expect(await directory.verifyPassword("ben", "Correct horse battery staple 42")).to.equal(true);

    // The administrator's own password is reset through self-service only.
    button(element, /Back to the users/).click();
    await untilHeading(element, /^Users$/);
    checkbox(element, "admin").click();
    await element.updateComplete;
    button(element, /Reset password…/).click();
    await untilHeading(element, /^Reset the password of Anna de Vries$/);
    submit(element);
    expect(await problemShown(element)).to.contain("the account is disabled or your own");
    expect(errors).to.deep.equal(["invalid-request", "password-rejected", "forbidden"]);
    button(element, /Cancel/).click();
    await untilHeading(element, /^Users$/);
    expect(checkbox(element, "admin").checked).to.equal(true);
    element.remove();
  });

  it("lets a password never expire, and follow the policy again", async () => {
    const { apiFor } = await pageEngine();
    const admin = apiFor("admin");
    const { policy, version } = await admin.getPolicy();
    await admin.savePolicy({
      policy: { ...policy, password: { ...policy.password, expiryDays: 90, warningDays: 14 } },
      version,
    });
    const { element, updates } = await mounted(admin);
    await untilHeading(element, /^Users$/);
    const toggle = () => checkbox(element, "anna", "never-expires");
    expect(toggle().checked).to.equal(false);
    expect(toggle().getAttribute("aria-label")).to.equal(
      "The password of Anna de Vries never expires",
    );
    expect(cell(element, "anna", "password")).to.contain("Expires on");
    toggle().click();
    await until(() => !cell(element, "anna", "password").includes("Expires on"), "no expiry");
    expect(toggle().checked).to.equal(true);
    expect(cell(element, "anna", "password")).to.equal("Valid");
    const listed = async () =>
      (await admin.listUsers({ search: "anna@", offset: 0, limit: 1 })).users[0]?.password;
    expect((await listed())?.neverExpires).to.equal(true);
    expect(updates.map((u) => [u.operation, u.results])).to.deep.equal([
      ["never-expires", [{ userId: "anna", outcome: "done" }]],
    ]);
    expect(await axeViolations(element)).to.deep.equal([]);

    toggle().click();
    await until(() => cell(element, "anna", "password").includes("Expires on"), "the expiry");
    expect(toggle().checked).to.equal(false);
    expect((await listed())?.neverExpires).to.equal(false);
    expect(updates).to.have.length(2);
    element.remove();
  });

  it("keeps the results so far when a run breaks off, and offers a retry when offline", async () => {
    const { apiFor, directory } = await pageEngine();
    const admin = apiFor("admin");
    let offline = false;
    const { element, updates } = await mounted({
      ...admin,
      listUsers: (request) =>
        offline ? Promise.reject(new TypeError("Failed to fetch")) : admin.listUsers(request),
      // The connection drops after the first user's result.
      bulkResetPasswords: (request) =>
        (async function* () {
          let lines = 0;
          for await (const line of admin.bulkResetPasswords(request)) {
            if (lines++ === 2) throw new TypeError("Failed to fetch");
            yield line;
          }
        })(),
    });
    await untilHeading(element, /^Users$/);
    checkbox(element, "anna").click();
    checkbox(element, "ben").click();
    await element.updateComplete;
    button(element, /Reset password…/).click();
    await untilHeading(element, /^Reset the passwords of 2 users$/);
    choose(element, "temporary");
    await element.updateComplete;
    button(element, /Reset 2 passwords/).click();
    await untilResults(element);
    expect(await problemShown(element)).to.contain("The run broke off");
    const password = text(result(element, "anna")?.querySelector('[part="password"]'));
    expect(await directory.verifyPassword("anna", password)).to.equal(true);
    expect(result(element, "ben")).to.equal(null);
    expect(updates.map((u) => u.results)).to.deep.equal([[{ userId: "anna", outcome: "done" }]]);

    offline = true;
    button(element, /Back to the users/).click();
    await untilHeading(element, /^We could not reach the server$/);
    offline = false;
    button(element, /Try again/).click();
    await untilHeading(element, /^Users$/);
    expect(cell(element, "anna", "password")).to.equal("Must change at next sign-in");
    element.remove();
  });

  it("tells a user who is no administrator that they may not", async () => {
    const { apiFor } = await pageEngine();
    const { element } = await mounted(apiFor("anna"));
    const errors: (string | undefined)[] = [];
    element.addEventListener("sspr-error", (event) => errors.push(event.problem?.code));
    await untilHeading(element, /^The users cannot be shown$/);
    expect(await problemShown(element)).to.equal("You are not allowed to do this.");
    expect(element.shadowRoot?.querySelector('[part="error"]')?.getAttribute("role")).to.equal(
      "alert",
    );
    expect(element.shadowRoot?.querySelector("table")).to.equal(null);
    expect(errors).to.deep.equal(["forbidden"]);
    element.remove();
  });

  it("speaks Dutch, here in the dark theme", async () => {
    const { apiFor, directory } = await pageEngine();
    const { element } = await mounted(apiFor("admin"), "nl");
    element.setAttribute("theme", "dark");
    await untilHeading(element, /^Gebruikers$/);
    expect(text(element.shadowRoot?.querySelector("thead"))).to.equal(
      "Selecteren Gebruiker Beveiligingsgegevens Laatst hersteld Wachtwoord Verloopt nooit",
    );
    expect(cell(element, "ben", "registered")).to.equal(
      "Niets geregistreerd Moet zich registreren",
    );
    expect(cell(element, "anna", "last-reset")).to.equal("Nooit");
    expect(checkbox(element, "anna").getAttribute("aria-label")).to.equal(
      "Anna de Vries selecteren",
    );
    expect(paging(element)).to.equal("1–3 van 3");
    checkbox(element, "anna").click();
    checkbox(element, "ben").click();
    await element.updateComplete;
    button(element, /Wachtwoord herstellen…/).click();
    await untilHeading(element, /^De wachtwoorden van 2 gebruikers herstellen$/);
    expect(element.shadowRoot?.textContent).to.contain("Een hersteluitnodiging sturen");
    choose(element, "temporary");
    await element.updateComplete;
    button(element, /2 wachtwoorden herstellen/).click();
    await untilHeading(element, /^Resultaten$/);
    expect(text(element.shadowRoot?.querySelector("h2 + p"))).to.equal(
      "2 klaar, 0 overgeslagen, 0 mislukt.",
    );
    expect(text(result(element, "ben")?.querySelector('[part="copy"]'))).to.equal(
      "Kopiëren het tijdelijke wachtwoord van Ben Bakker",
    );
    const password = text(result(element, "ben")?.querySelector('[part="password"]'));
    expect(await directory.verifyPassword("ben", password)).to.equal(true);
    button(element, /Terug naar de gebruikers/).click();
    await untilHeading(element, /^Gebruikers$/);
    const reset = new Intl.DateTimeFormat("nl", { dateStyle: "medium" }).format(new Date());
    await until(() => cell(element, "ben", "last-reset").startsWith(reset), "the Dutch date");
    element.remove();
  });
});
