import { expect } from "@esm-bundle/chai";
import "../src/index.js";
import { createLocalApi } from "@sspr/engine";
import { accessibleNode, ariaSnapshot } from "./assistive.js";
import { pageEngine } from "./browser-engine.js";
import { button, fill, submit, untilHeading } from "./steps.js";

const after: (() => void)[] = [];
afterEach(() => {
  for (const undo of after.splice(0)) undo();
});

/** A reset element on the page, taken off when the test ends. */
function placedReset(api: HTMLElementTagNameMap["sspr-reset"]["api"]) {
  const element = document.createElement("sspr-reset");
  element.api = api;
  document.body.append(element);
  after.push(() => element.remove());
  return element;
}

const helpdeskLink = (element: Element) =>
  element.shadowRoot?.querySelector<HTMLAnchorElement>('a[href="https://help.contoso.com/"]');

describe("<sspr-reset>, step by step, the details", () => {
  it("links the helpdesk on every step, repeats the chosen method, and shows no 'Method 1 of 1'", async () => {
    const { api, service, codeSentTo } = await pageEngine();
    const admin = createLocalApi(service, { userId: "admin" });
    const { policy, version } = await admin.getPolicy();
    await admin.savePolicy({
      policy: { ...policy, helpdesk: { kind: "url", url: "https://help.contoso.com/" } },
      version,
    });
    const element = placedReset(api);
    await untilHeading(element, /Who are you/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(helpdeskLink(element)?.textContent).to.equal("Need help? Contact your helpdesk");
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /How do you want to verify/);
    expect(element.shadowRoot?.textContent).not.to.contain("Method 1 of 1");
    expect(helpdeskLink(element)).to.not.equal(null);
    button(element, /Email a code/).click();
    await untilHeading(element, /Confirm your contact/);
    expect(element.shadowRoot?.textContent).to.contain("You chose: Email a code to a•••@e•••");
    expect(helpdeskLink(element)).to.not.equal(null);
    fill(element, "contact", "anna@example.org");
    submit(element);
    await untilHeading(element, /Enter your code/);
    expect(helpdeskLink(element)).to.not.equal(null);
    fill(element, "code", await codeSentTo("anna@example.org"));
    submit(element);
    await untilHeading(element, /Choose a new password/);
    expect(helpdeskLink(element)).to.not.equal(null);
    // For password managers: the account the new password is for, in a hidden field.
    const username = element.shadowRoot?.querySelector<HTMLInputElement>(
      '[autocomplete="username"]',
    );
    expect(username?.hidden).to.equal(true);
    expect(username?.value).to.equal("anna@contoso.com");
  });

  it("says each rule's state in words to assistive technology, not by colour alone", async () => {
    const { api, codeSentTo } = await pageEngine();
    const element = placedReset(api);
    await untilHeading(element, /Who are you/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /How do you want to verify/);
    button(element, /Email a code/).click();
    await untilHeading(element, /Confirm your contact/);
    fill(element, "contact", "anna@example.org");
    submit(element);
    await untilHeading(element, /Enter your code/);
    fill(element, "code", await codeSentTo("anna@example.org"));
    submit(element);
    await untilHeading(element, /Choose a new password/);
    fill(element, "password", "short");
    await element.updateComplete;
    expect(await ariaSnapshot('sspr-reset >>> [part="checklist"]')).to.match(
      /listitem: "At least \d+ characters\s*: not met yet"/,
    );
    fill(element, "password", "sunlit harbour lanterns seven");
    await element.updateComplete;
    expect(await ariaSnapshot('sspr-reset >>> [part="checklist"]')).to.match(
      /listitem: "At least \d+ characters\s*: met"/,
    );
    expect(element.shadowRoot?.querySelector('[part="checklist"] li')?.textContent).to.contain("✓");
  });

  it("says how long the throttle lasts, and that starting again meets it too", async () => {
    const { api } = await pageEngine({ limits: { startsPerAddressPerMinute: 0 } });
    const element = placedReset(api);
    await untilHeading(element, /Who are you/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /Too many attempts/);
    expect(element.shadowRoot?.querySelector("#throttled-text")?.textContent).to.match(
      /you can try again in 60 seconds\.\s+Starting again before then meets the same block\./,
    );
    const restart = await accessibleNode("sspr-reset >>> button");
    expect(restart.name).to.equal("Start again");
    expect(restart.description).to.contain("in 60 seconds");
  });
});
