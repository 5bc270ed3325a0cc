import { expect } from "@esm-bundle/chai";
import * as OTPAuth from "otpauth";
import type { SsprRegisterElement } from "../src/index.js";
import "../src/index.js";
import { pageEngine } from "./browser-engine.js";
import { button, fill, problemShown, submit, until, untilHeading } from "./steps.js";

/** The registered methods as the list shows them. */
const listed = (element: SsprRegisterElement) =>
  [...(element.shadowRoot?.querySelectorAll('[part="methods"] li span') ?? [])].map(
    (li) => li.textContent ?? "",
  );

function mount(element: SsprRegisterElement) {
  const steps: string[] = [];
  element.addEventListener("sspr-step-change", (event) => steps.push(event.step));
  document.body.append(element);
  return steps;
}

describe("<sspr-register>", () => {
  it("adds an email address, a phone number and an authenticator app, removes one, and finishes", async () => {
    const { apiFor, codeSentTo } = await pageEngine();
    const element = document.createElement("sspr-register");
    element.api = apiFor("ben");
    let completed = false;
    element.addEventListener("sspr-registration-complete", () => {
      completed = true;
    });
    const steps = mount(element);

    await untilHeading(element, /Your security info/);
    expect(element.shadowRoot?.textContent).to.contain("Nothing registered yet.");
    expect(element.shadowRoot?.querySelector(".due")?.textContent).to.contain("Add a method");
    expect(button(element, /^\s*Done\s*$/).disabled).to.equal(true);

    button(element, /Add an email address/).click();
    await untilHeading(element, /Add an email address/);
    const contact = fill(element, "contact", "ben@example.org");
    expect(contact.type).to.equal("email");
    expect(contact.labels?.[0]?.textContent).to.contain("Email address");
    submit(element);
    await untilHeading(element, /Enter the code/);
    expect(element.shadowRoot?.textContent).to.match(/We sent a code to b•••@e•••/);
    expect(button(element, /new code/).textContent).to.match(/in (30|29) s/);
    fill(element, "code", "00000000");
    submit(element);
    expect(await problemShown(element)).to.match(/not right\. \d tries left/);
    const code = await codeSentTo("ben@example.org");
    // Pasted as the message groups it: spaces and dashes are dropped.
    fill(element, "code", `${code.slice(0, 4)} ${code.slice(4)}`);
    submit(element);
    await untilHeading(element, /Your security info/);
    await until(() => listed(element).length === 1, "the email address in the list");
    expect(listed(element)).to.deep.equal(["Email address b•••@e•••"]);
    expect(button(element, /^\s*Done\s*$/).disabled).to.equal(false);

    button(element, /Add a phone number/).click();
    await untilHeading(element, /Add a phone number/);
    expect(fill(element, "contact", "12").type).to.equal("tel");
    submit(element);
    expect(await problemShown(element)).to.match(/Check what you typed/);
    fill(element, "contact", "+31 6 12345678");
    submit(element);
    await untilHeading(element, /Enter the code/);
    fill(element, "code", await codeSentTo("+31612345678"));
    submit(element);
    await untilHeading(element, /Your security info/);
    await until(() => listed(element).length === 2, "the phone number in the list");

    button(element, /Add an authenticator app/).click();
    await untilHeading(element, /Add an authenticator app/);
    const qr = element.shadowRoot?.querySelector<HTMLImageElement>('img[part="qr"]');
    expect(qr?.src).to.match(/^data:image\/svg\+xml/);
    expect(qr?.alt).to.contain("QR code");
    const key = element.shadowRoot?.querySelector('[part="key"]')?.textContent ?? "";
    expect(key).to.match(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key.replace(/ /g, "")) });
    fill(element, "code", totp.generate());
    submit(element);
    await untilHeading(element, /Your security info/);
    await until(() => listed(element).length === 3, "the app in the list");
    expect(listed(element)).to.include("Authenticator app");
    expect(element.shadowRoot?.textContent).not.to.contain("Add an authenticator app");

    const removePhone = element.shadowRoot?.querySelector<HTMLButtonElement>(
      'button[aria-label^="Remove Phone number"]',
    );
    removePhone?.click();
    await until(() => listed(element).length === 2, "the phone number to go");
    expect(listed(element).some((m) => m.startsWith("Phone number"))).to.equal(false);

    button(element, /^\s*Done\s*$/).click();
    await untilHeading(element, /Your security info is set/);
    expect(completed).to.equal(true);
    expect(steps).to.deep.equal([
      "loading",
      "overview",
      "add-contact",
      "verify-contact",
      "overview",
      "add-contact",
      "verify-contact",
      "overview",
      "add-app",
      "overview",
      "complete",
    ]);
    element.remove();
  });

  it("sets security questions, each question once", async () => {
    const { apiFor } = await pageEngine({ questions: true });
    const element = document.createElement("sspr-register");
    element.api = apiFor("ben");
    mount(element);
    await untilHeading(element, /Your security info/);
    button(element, /Set up security questions/).click();
    await untilHeading(element, /Choose your security questions/);
    const selects = [
      ...(element.shadowRoot?.querySelectorAll<HTMLSelectElement>("form select") ?? []),
    ];
    expect(selects.length).to.equal(3);
    fill(element, "question-2", selects[0]?.value ?? "");
    for (const n of [1, 2, 3]) fill(element, `answer-${n}`, `answer number ${n}`);
    submit(element);
    expect(await problemShown(element)).to.contain("different question");
    const answer = element.shadowRoot?.querySelector('[name="answer-1"]');
    expect(answer?.getAttribute("aria-describedby")).to.contain("questions-error");
    fill(element, "question-2", selects[1]?.options[1]?.value ?? "");
    submit(element);
    await untilHeading(element, /Your security info/);
    await until(() => listed(element).includes("Security questions"), "the questions listed");
    expect(button(element, /Change security questions/)).to.not.equal(undefined);
    element.remove();
  });

  it("asks to re-confirm when the policy's interval has passed", async () => {
    const { apiFor, advanceClock } = await pageEngine();
    advanceClock(181 * 24 * 60 * 60 * 1000);
    const element = document.createElement("sspr-register");
    element.api = apiFor("anna");
    mount(element);
    await untilHeading(element, /Your security info/);
    expect(element.shadowRoot?.querySelector(".due")?.textContent).to.contain("still right");
    expect(button(element, /^\s*Done\s*$/).disabled).to.equal(true);
    button(element, /it is still right/).click();
    await until(() => element.shadowRoot?.querySelector(".due") == null, "the notice to go");
    expect(button(element, /^\s*Done\s*$/).disabled).to.equal(false);
    element.remove();
  });

  it("speaks Dutch from its locale attribute", async () => {
    const { apiFor } = await pageEngine();
    const element = document.createElement("sspr-register");
    element.setAttribute("locale", "nl");
    element.api = apiFor("anna");
    mount(element);
    await untilHeading(element, /Uw beveiligingsgegevens/);
    expect(listed(element)).to.deep.equal(["E-mailadres a•••@e•••"]);
    element.remove();
  });

  it("cancels an addition, and offers a retry when the server cannot be reached", async () => {
    const { apiFor } = await pageEngine();
    const api = apiFor("anna");
    let offline = true;
    const errors: (string | null)[] = [];
    const element = document.createElement("sspr-register");
    element.addEventListener("sspr-error", (event) => errors.push(event.problem?.code ?? null));
    element.api = {
      ...api,
      removeMethod: (request) =>
        offline ? Promise.reject(new TypeError("Failed to fetch")) : api.removeMethod(request),
    };
    mount(element);
    await untilHeading(element, /Your security info/);
    button(element, /Add a phone number/).click();
    await untilHeading(element, /Add a phone number/);
    button(element, /Cancel/).click();
    await untilHeading(element, /Your security info/);
    button(element, /^\s*Remove\s*$/).click();
    await untilHeading(element, /could not reach the server/);
    expect(errors).to.deep.equal([null]);
    offline = false;
    button(element, /Try again/).click();
    await untilHeading(element, /Your security info/);
    await until(() => listed(element).length === 0, "the address to go");
    element.remove();
  });
});
