import { expect } from "@esm-bundle/chai";
import type { SsprAdminPolicyElement } from "../src/admin.js";
import "../src/admin.js";
import { axeViolations } from "./accessibility.js";
import { pageEngine } from "./browser-engine.js";
import {
  button,
  fill,
  flakyConnection,
  problemShown,
  retryAfterReconnect,
  until,
  untilHeading,
} from "./steps.js";

const summary = (element: SsprAdminPolicyElement) =>
  element.shadowRoot?.querySelector('[part="summary"]')?.textContent?.replace(/\s+/g, " ") ?? "";
const part = (element: SsprAdminPolicyElement, name: string) =>
  element.shadowRoot?.querySelector(`[part="${name}"]`);
const field = (element: SsprAdminPolicyElement, name: string) => {
  const found = element.shadowRoot?.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!found) throw new Error(`No field ${name}`);
  return found;
};
/** The error shown for a field, found through its `aria-describedby`. */
const errorOf = (element: SsprAdminPolicyElement, name: string) =>
  (field(element, name).getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => element.shadowRoot?.getElementById(id))
    .find((node) => node?.getAttribute("part") === "error")?.textContent ?? null;

async function mounted(api: SsprAdminPolicyElement["api"], locale?: string) {
  const element = document.createElement("sspr-admin-policy");
  element.api = api;
  if (locale) element.setAttribute("locale", locale);
  document.body.append(element);
  return element;
}

describe("<sspr-admin-policy>", () => {
  it("edits with range errors as typed, shows the summary, discards, and saves", async () => {
    const { apiFor, api } = await pageEngine();
    const element = await mounted(apiFor("admin"));
    const saved: number[] = [];
    element.addEventListener("sspr-policy-saved", (event) => saved.push(event.version));
    await untilHeading(element, /Password reset policy/);
    expect(summary(element)).to.contain("Everyone can reset a forgotten password themselves.");
    expect(summary(element)).to.contain(
      "A reset needs one of: an email code, a code by phone, or an authenticator app.",
    );
    expect(button(element, /^\s*Save\s*$/).disabled).to.equal(true);
    expect(part(element, "unsaved")).to.equal(null);
    expect(element.shadowRoot?.textContent).to.contain("From 8 to 256.");

    fill(element, "password.minLength", "4");
    await element.updateComplete;
    expect(errorOf(element, "password.minLength")).to.equal("Enter a whole number from 8 to 256.");
    expect(field(element, "password.minLength").getAttribute("aria-invalid")).to.equal("true");
    expect(part(element, "unsaved")?.textContent).to.equal("Unsaved changes");
    expect(button(element, /^\s*Save\s*$/).disabled).to.equal(true);
    expect(await axeViolations(element)).to.deep.equal([]);

    fill(element, "password.minLength", "15");
    await element.updateComplete;
    expect(errorOf(element, "password.minLength")).to.equal(null);
    expect(summary(element)).to.contain("at least 15 characters");
    element.shadowRoot?.querySelectorAll<HTMLInputElement>('[name="methodsRequired"]')[1]?.click();
    await element.updateComplete;
    expect(summary(element)).to.contain("A reset needs two of:");

    button(element, /Discard changes/).click();
    await element.updateComplete;
    expect(part(element, "unsaved")).to.equal(null);
    expect(field(element, "password.minLength").value).to.equal("12");
    expect(summary(element)).to.contain("A reset needs one of:");

    fill(element, "password.expiryDays", "7");
    await element.updateComplete;
    expect(errorOf(element, "password.expiryDays")).to.contain("14 to 730");
    fill(element, "password.expiryDays", "90");
    await element.updateComplete;
    fill(element, "password.warningDays", "10");
    await element.updateComplete;
    expect(summary(element)).to.contain(
      "Passwords expire after 90 days; users are warned 10 days before.",
    );
    button(element, /^\s*Save\s*$/).click();
    await until(() => part(element, "status")?.textContent !== "", "the saved status");
    expect(part(element, "status")?.textContent).to.contain("Saved");
    expect(part(element, "unsaved")).to.equal(null);
    expect(saved).to.deep.equal([1]);
    const stored = await api.getPolicy().catch(() => null);
    expect(stored).to.equal(null, "the anonymous API may not read the policy");
    expect((await apiFor("admin").getPolicy()).policy.password).to.include({
      expiryDays: 90,
      warningDays: 10,
    });
    expect(await axeViolations(element)).to.deep.equal([]);
    element.remove();
  });

  it("shows the engine's verdict on rules across fields next to their fields", async () => {
    const { apiFor } = await pageEngine();
    const element = await mounted(apiFor("admin"));
    await untilHeading(element, /Password reset policy/);
    for (const name of ["methods.email", "methods.sms", "methods.app"])
      field(element, name).click();
    fill(element, "helpdesk.kind", "url");
    await element.updateComplete;
    fill(element, "helpdesk.url", "not a web address");
    await element.updateComplete;
    button(element, /^\s*Save\s*$/).click();
    await until(() => errorOf(element, "helpdesk.url") !== null, "the engine's errors");
    expect(errorOf(element, "helpdesk.url")).to.contain("Enter a web address");
    const methods = element.shadowRoot?.querySelector('[aria-describedby="methods-error"]');
    expect(element.shadowRoot?.getElementById("methods-error")?.textContent).to.contain(
      "Allow at least as many methods as a reset needs",
    );
    expect(methods).to.not.equal(null);
    expect(await axeViolations(element)).to.deep.equal([]);
    field(element, "methods.email").click();
    fill(element, "helpdesk.url", "https://help.contoso.com");
    await element.updateComplete;
    button(element, /^\s*Save\s*$/).click();
    await until(() => part(element, "status")?.textContent !== "", "the saved status");
    expect(summary(element)).to.contain(
      "Users who are stuck are sent to https://help.contoso.com.",
    );
    element.remove();
  });

  it("after a conflict, loads the policy another administrator saved", async () => {
    const { apiFor, directory } = await pageEngine();
    const element = await mounted(apiFor("admin"));
    await untilHeading(element, /Password reset policy/);
    await directory.addUser(
      {
        id: "admin2",
        identifiers: ["admin2@contoso.com"],
        displayName: "Second Admin",
        groups: [],
        isAdmin: true,
        disabled: false,
        locked: false,
      },
      "another admin password",
    );
    const other = apiFor("admin2");
    const { policy, version } = await other.getPolicy();
    await other.savePolicy({ policy: { ...policy, methodsRequired: 2 }, version });
    fill(element, "codes.length", "6");
    await element.updateComplete;
    button(element, /^\s*Save\s*$/).click();
    expect(await problemShown(element)).to.contain("Another administrator saved the policy");
    expect(await axeViolations(element)).to.deep.equal([]);
    button(element, /Load the latest policy/).click();
    await until(() => summary(element).includes("two of"), "the other administrator's policy");
    expect(field(element, "codes.length").value).to.equal("8");
    expect(part(element, "unsaved")).to.equal(null);
    element.remove();
  });

  it("tells a user who is not an administrator, and speaks Dutch", async () => {
    const { apiFor } = await pageEngine();
    const element = await mounted(apiFor("anna"));
    await untilHeading(element, /The policy cannot be shown/);
    expect(await problemShown(element)).to.equal("You are not allowed to do this.");
    element.remove();
    const dutch = await mounted(apiFor("admin"), "nl");
    await untilHeading(dutch, /Beleid voor wachtwoordherstel/);
    expect(summary(dutch)).to.contain("Iedereen kan zelf een vergeten wachtwoord herstellen.");
    dutch.remove();
  });

  it("offers a retry when the server cannot be reached", async () => {
    const { apiFor } = await pageEngine();
    const api = apiFor("admin");
    const connection = flakyConnection();
    const element = await mounted({
      ...api,
      getPolicy: () => connection.whileDown(() => api.getPolicy()),
    });
    await retryAfterReconnect(element, connection);
    await untilHeading(element, /Password reset policy/);
    element.remove();
  });
});
