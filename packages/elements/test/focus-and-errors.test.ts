import { expect } from "@esm-bundle/chai";
import "../src/index.js";
import "../src/admin.js";
import { createLocalApi } from "@sspr/engine";
import { accessibleNode, focused, press } from "./assistive.js";
import { pageEngine } from "./browser-engine.js";
import { button, fill, problemShown, submit, until, untilHeading } from "./steps.js";

/** Waits until the element's engine call has ended. */
const untilIdle = (element: Element) =>
  until(() => !element.shadowRoot?.querySelector("[aria-busy=true]"), "the engine to answer");

/** Anna's reset, up to her code (the email method). */
async function atCode(element: HTMLElementTagNameMap["sspr-reset"]) {
  await untilHeading(element, /Who are you/);
  fill(element, "identifier", "anna@contoso.com");
  submit(element);
  await untilHeading(element, /How do you want to verify/);
  button(element, /Email a code/).click();
  await untilHeading(element, /Confirm your contact/);
  fill(element, "contact", "anna@example.org");
  submit(element);
  await untilHeading(element, /Enter your code/);
}

/** An element of the page, taken off it when the test ends. */
function placed<K extends "sspr-reset" | "sspr-register" | "sspr-admin-policy">(
  tag: K,
  api: HTMLElementTagNameMap[K]["api"],
  locale = "en",
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.api = api;
  element.locale = locale;
  document.body.append(element);
  after.push(() => element.remove());
  return element;
}
const after: (() => void)[] = [];
afterEach(() => {
  for (const undo of after.splice(0)) undo();
});

describe("focus after a button's action", () => {
  it("a wrong code sent with Enter on Verify: the busy button keeps focus, then the code has it, invalid with its reason; Tab goes on to Verify", async () => {
    const { api } = await pageEngine();
    const element = placed("sspr-reset", api);
    await atCode(element);
    fill(element, "code", "00000000");
    const verify = button(element, /^\s*Verify\s*$/);
    verify.focus();
    await press("Enter");
    expect(focused()).to.equal(verify);
    expect(await problemShown(element)).to.match(/not right\. 4 tries left/);
    await untilIdle(element);
    const code = element.shadowRoot?.querySelector('[name="code"]');
    expect(focused()).to.equal(code);
    const node = await accessibleNode('sspr-reset >>> [name="code"]');
    expect(node.invalid).to.equal("true");
    expect(node.description).to.contain("That code is not right. 4 tries left.");
    await press("Tab");
    expect(focused()).to.equal(verify);
  });

  it("the code step names where the code went; the resend countdown is reachable by Tab; a new code is announced and focus stays", async () => {
    const { api } = await pageEngine({ limits: { resendCooldownSeconds: 1 } });
    const element = placed("sspr-reset", api);
    await atCode(element);
    expect(element.shadowRoot?.querySelector("#code-hint")?.textContent).to.contain(
      "a code is on its way to a•••@e•••",
    );
    const resend = button(element, /new code/);
    element.shadowRoot?.querySelector<HTMLElement>('[name="code"]')?.focus();
    await press("Tab");
    await press("Tab");
    expect(focused()).to.equal(resend);
    expect(resend.getAttribute("aria-disabled")).to.equal("true");
    expect(resend.textContent).to.match(/Send a new code in 1 s/);
    await until(() => resend.getAttribute("aria-disabled") === "false", "the cooldown to end");
    await press("Enter");
    await until(
      () =>
        /A new code is on its way to a•••@e•••/.test(
          element.shadowRoot?.querySelector("#announcer")?.textContent ?? "",
        ),
      "the new code to be announced",
    );
    expect(focused()).to.equal(resend);
    expect((await accessibleNode("sspr-reset >>> #announcer")).role).to.equal("status");
  });

  it("a refused password: focus on the new password, invalid, described by the rules and the engine's reason", async () => {
    const { api, codeSentTo } = await pageEngine();
    const element = placed("sspr-reset", api);
    await atCode(element);
    fill(element, "code", await codeSentTo("anna@example.org"));
    submit(element);
    await untilHeading(element, /Choose a new password/);
    fill(element, "password", "anna@contoso.com1");
    fill(element, "confirm", "anna@contoso.com1");
    const save = button(element, /Reset password/);
    save.focus();
    await press("Enter");
    expect(await problemShown(element)).to.match(/does not meet the rules/);
    await untilIdle(element);
    expect(focused()).to.equal(element.shadowRoot?.querySelector('[name="password"]'));
    const node = await accessibleNode('sspr-reset >>> [name="password"]');
    expect(node.invalid).to.equal("true");
    expect(node.description).to.contain("That password does not meet the rules.");
  });

  it("the policy's Save and Discard keep focus while they work and after", async () => {
    const { apiFor } = await pageEngine();
    const element = placed("sspr-admin-policy", apiFor("admin"));
    await untilHeading(element, /Password reset policy/);
    fill(element, "password.minLength", "14");
    const save = button(element, /^\s*Save\s*$/);
    save.focus();
    await press("Enter");
    expect(focused()).to.equal(save);
    await until(
      () => /Saved/.test(element.shadowRoot?.textContent ?? ""),
      "the policy to be saved",
    );
    expect(focused()).to.equal(save);
    fill(element, "password.minLength", "16");
    const discard = button(element, /Discard/);
    discard.focus();
    await press("Enter");
    await element.updateComplete;
    expect(focused()).to.equal(discard);
    expect(
      (await accessibleNode("sspr-admin-policy >>> button[data-variant=quiet]")).disabled,
    ).to.equal(true);
  });
});

describe("errors that say what to fix", () => {
  it("a phone number the engine cannot read: the field is invalid, focused, and says to add the country code", async () => {
    const { apiFor } = await pageEngine();
    const element = placed("sspr-register", apiFor("anna"));
    await untilHeading(element, /Your security info/);
    button(element, /Add a phone number/).click();
    await untilHeading(element, /Add a phone number/);
    fill(element, "contact", "12");
    button(element, /Send code/).click();
    expect(await problemShown(element)).to.equal(
      "That is not a phone number we can use. Type it with its country code, like +31 6 12345678.",
    );
    await untilIdle(element);
    expect(focused()).to.equal(element.shadowRoot?.querySelector('[name="contact"]'));
    const node = await accessibleNode('sspr-register >>> [name="contact"]');
    expect(node.invalid).to.equal("true");
    expect(node.description).to.contain("Type it with its country code");
  });

  it("a national number is read in the country of a Dutch user", async () => {
    const { service, codeSentTo, api } = await pageEngine();
    const anna = createLocalApi(service, { userId: "anna" });
    const pending = await anna.addContactMethod({ kind: "phone", value: "+31612345678" });
    await anna.verifyContactMethod({
      pendingId: pending.pendingId,
      code: await codeSentTo("+31612345678"),
    });
    const element = placed("sspr-reset", api, "nl");
    await untilHeading(element, /Wie bent u/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /Hoe wilt u zich verifiëren/);
    button(element, /Sms of bel/).click();
    await untilHeading(element, /Bevestig uw contactgegeven/);
    fill(element, "contact", "06 12345678");
    submit(element);
    await untilHeading(element, /Voer uw code in/);
    expect(await codeSentTo("+31612345678")).to.match(/^\d{8}$/);
  });

  it("a user ID of only spaces gets a message, on the field", async () => {
    const { api } = await pageEngine();
    const element = placed("sspr-reset", api);
    await untilHeading(element, /Who are you/);
    fill(element, "identifier", "   ");
    await press("Enter");
    expect(await problemShown(element)).to.equal("Type your email address or user name.");
    const node = await accessibleNode('sspr-reset >>> [name="identifier"]');
    expect(node.invalid).to.equal("true");
    expect(node.description).to.contain("Type your email address or user name.");
    expect(focused()).to.equal(element.shadowRoot?.querySelector('[name="identifier"]'));
    const field = element.shadowRoot?.querySelector('[name="identifier"]');
    expect(field?.getAttribute("autocapitalize")).to.equal("off");
    expect(field?.getAttribute("spellcheck")).to.equal("false");
  });
});
