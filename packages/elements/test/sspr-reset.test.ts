import { expect } from "@esm-bundle/chai";
import type { SsprResetElement } from "../src/index.js";
import "../src/index.js";
import { createLocalApi } from "@sspr/engine";
import { axeViolations } from "./accessibility.js";
import { pageEngine, questionAnswers } from "./browser-engine.js";
import { button, fill, problemShown, submit, untilHeading } from "./steps.js";

describe("<sspr-reset>", () => {
  it("resets a password against the real engine, step by step, as a user sees it", async () => {
    const { api, directory, codeSentTo } = await pageEngine();
    const element = document.createElement("sspr-reset");
    element.api = api;
    const steps: string[] = [];
    element.addEventListener("sspr-step-change", (event) => steps.push(event.step));
    const errors: (string | null)[] = [];
    element.addEventListener("sspr-error", (event) => errors.push(event.problem?.code ?? null));
    let completed = false;
    element.addEventListener("sspr-reset-complete", () => {
      completed = true;
    });
    document.body.append(element);

    await untilHeading(element, /Who are you/);
    const identifier = fill(element, "identifier", "anna@contoso.com");
    expect(identifier.labels?.[0]?.textContent).to.contain("Email or user name");
    submit(element);

    const choose = await untilHeading(element, /How do you want to verify/);
    expect(element.shadowRoot?.activeElement).to.equal(choose);
    const method = element.shadowRoot?.querySelector<HTMLButtonElement>("button");
    expect(method?.textContent).to.match(/Email a code to a•••@e•••/);
    method?.click();

    await untilHeading(element, /Confirm your contact/);
    fill(element, "contact", "anna@example.org");
    submit(element);

    await untilHeading(element, /Enter your code/);
    const resend = button(element, /new code/);
    expect(resend.disabled).to.equal(true);
    expect(resend.textContent).to.match(/Send a new code in (30|29) s/);
    const code = element.shadowRoot?.querySelector<HTMLInputElement>('input[name="code"]');
    expect(code?.autocomplete).to.equal("one-time-code");
    expect(code?.inputMode).to.equal("numeric");
    fill(element, "code", "00000000");
    submit(element);
    expect(await problemShown(element)).to.match(/not right\. 4 tries left/);
    expect(errors).to.deep.equal(["code-invalid"]);
    fill(element, "code", await codeSentTo("anna@example.org"));
    submit(element);

    await untilHeading(element, /Choose a new password/);
    fill(element, "password", "short");
    await element.updateComplete;
    const firstRule = element.shadowRoot?.querySelector('[part="checklist"] li');
    expect(firstRule?.getAttribute("data-passed")).to.equal("false");
    fill(element, "password", "correct horse battery staple");
    await element.updateComplete;
    expect(firstRule?.getAttribute("data-passed")).to.equal("true");
    const password = element.shadowRoot?.querySelector<HTMLInputElement>('input[name="password"]');
    expect(password?.type).to.equal("password");
    element.shadowRoot?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
    await element.updateComplete;
    expect(password?.type).to.equal("text");
    fill(element, "confirm", "correct horse battery stapler");
    submit(element);
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector("#confirm-error")?.textContent).to.contain(
      "do not match",
    );
    expect(await axeViolations(element)).to.deep.equal([]);
    fill(element, "confirm", "correct horse battery staple");
    submit(element);

    await untilHeading(element, /Your password was changed/);
    expect(completed).to.equal(true);
    expect(steps).to.deep.equal([
      "identify",
      "choose-method",
      "confirm-contact",
      "enter-code",
      "new-password",
      "done",
    ]);
    expect(await directory.verifyPassword("anna", "correct horse battery staple")).to.equal(true);
    element.remove();
  });

  it("works from its endpoint attribute alone, over the page's fetch", async () => {
    const { serve, codeSentTo } = await pageEngine();
    const stop = await serve();
    try {
      const element = document.createElement("sspr-reset");
      element.setAttribute("endpoint", "/sspr");
      document.body.append(element);
      await untilHeading(element, /Who are you/);
      fill(element, "identifier", "anna@contoso.com");
      submit(element);
      await untilHeading(element, /How do you want to verify/);
      element.shadowRoot?.querySelector<HTMLButtonElement>("button")?.click();
      await untilHeading(element, /Confirm your contact/);
      fill(element, "contact", "anna@example.org");
      submit(element);
      await untilHeading(element, /Enter your code/);
      expect(await codeSentTo("anna@example.org")).to.match(/^\d{8}$/);
      element.remove();
    } finally {
      stop();
    }
  });

  it("speaks Dutch when the page does", async () => {
    const { api } = await pageEngine();
    document.documentElement.lang = "nl";
    const element = document.createElement("sspr-reset");
    element.api = api;
    document.body.append(element);
    await untilHeading(element, /Wie bent u/);
    document.documentElement.lang = "en";
    element.remove();
  });
});

describe("<sspr-reset> with security questions", () => {
  it("asks the questions, shows wrong answers, and accepts the right ones", async () => {
    const { api } = await pageEngine({ questions: true });
    const element = document.createElement("sspr-reset");
    element.api = api;
    document.body.append(element);
    await untilHeading(element, /Who are you/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /How do you want to verify/);
    button(element, /security questions/).click();
    await untilHeading(element, /Answer your security questions/);
    const inputs = [
      ...(element.shadowRoot?.querySelectorAll<HTMLInputElement>("form input") ?? []),
    ];
    expect(inputs.length).to.equal(3);
    expect(inputs.every((i) => i.labels?.[0]?.textContent?.includes("?"))).to.equal(true);
    for (const input of inputs) fill(element, input.name, "wrong answer");
    submit(element);
    expect(await problemShown(element)).to.match(/answers are not right\. \d tries left/);
    for (const input of inputs)
      fill(
        element,
        input.name,
        questionAnswers.find((a) => a.questionId === input.name)?.answer ?? "",
      );
    submit(element);
    await untilHeading(element, /Choose a new password/);
    element.remove();
  });
});

describe("<sspr-reset> when things go wrong", () => {
  /** Starts Anna's reset with her email address, up to the code. */
  async function atCode(element: SsprResetElement) {
    await untilHeading(element, /Who are you/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /How do you want to verify/);
    element.shadowRoot?.querySelector<HTMLButtonElement>("button")?.click();
    await untilHeading(element, /Confirm your contact/);
    fill(element, "contact", "anna@example.org");
    submit(element);
    await untilHeading(element, /Enter your code/);
  }

  it("ends the reset after five wrong codes and starts again", async () => {
    // A budget of failures larger than the code's tries, so the code dies before anna is blocked.
    const { api } = await pageEngine({ limits: { verifyFailuresPerHour: 10 } });
    const element = document.createElement("sspr-reset");
    element.api = api;
    document.body.append(element);
    await atCode(element);
    for (let i = 0; i < 5; i++) {
      fill(element, "code", "00000000");
      submit(element);
      for (let w = 0; w < 100 && element.shadowRoot?.querySelector("[aria-busy=true]"); w++)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
    }
    await untilHeading(element, /This reset has ended/);
    element.shadowRoot?.querySelector<HTMLButtonElement>("button")?.click();
    await untilHeading(element, /Who are you/);
    element.remove();
  });

  it("says to try later when throttled", async () => {
    const { api } = await pageEngine({ limits: { startsPerAddressPerMinute: 0 } });
    const element = document.createElement("sspr-reset");
    element.api = api;
    document.body.append(element);
    await untilHeading(element, /Who are you/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /Too many attempts/);
    element.remove();
  });

  it("offers a retry when the server cannot be reached", async () => {
    const { api } = await pageEngine();
    let offline = true;
    const element = document.createElement("sspr-reset");
    const errors: (string | null)[] = [];
    element.addEventListener("sspr-error", (event) => errors.push(event.problem?.code ?? null));
    element.api = {
      ...api,
      startReset: (request) =>
        offline ? Promise.reject(new TypeError("Failed to fetch")) : api.startReset(request),
    };
    document.body.append(element);
    await untilHeading(element, /Who are you/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /could not reach the server/);
    expect(errors).to.deep.equal([null]);
    offline = false;
    element.shadowRoot?.querySelector<HTMLButtonElement>("button")?.click();
    await untilHeading(element, /How do you want to verify/);
    element.remove();
  });
});

describe("<sspr-reset> beyond a new password", () => {
  it("starts at the new password from an administrator's invitation", async () => {
    const { apiFor, api, service, delivery } = await pageEngine();
    await apiFor("admin").resetUserPassword({ userId: "anna", mode: "invitation" });
    await service.outbox.runOnce();
    const link = delivery.sent.filter((m) => m.to === "anna@example.org").at(-1)?.text ?? "";
    const element = document.createElement("sspr-reset");
    element.api = api;
    element.invitation = link.match(/invitation=([\w-]+)/)?.[1] ?? "";
    document.body.append(element);
    try {
      await untilHeading(element, /Choose a new password/);
      fill(element, "password", "sunlit harbour lanterns seven");
      fill(element, "confirm", "sunlit harbour lanterns seven");
      submit(element);
      await untilHeading(element, /Your password was changed/);
    } finally {
      element.remove();
    }
    const again = document.createElement("sspr-reset");
    again.api = api;
    again.invitation = element.invitation;
    document.body.append(again);
    try {
      await untilHeading(again, /This reset has ended/);
    } finally {
      again.remove();
    }
  });

  it("lets a locked-out user unlock and keep the password", async () => {
    const { api, service, directory, codeSentTo } = await pageEngine();
    await directory.addUser(
      {
        id: "lena",
        identifiers: ["lena@contoso.com"],
        displayName: "Lena Locked",
        groups: [],
        isAdmin: false,
        disabled: false,
        locked: true,
      },
      "lena's password",
    );
    const lena = createLocalApi(service, { userId: "lena" });
    const pending = await lena.addContactMethod({ kind: "email", value: "lena@example.org" });
    await lena.verifyContactMethod({
      pendingId: pending.pendingId,
      code: await codeSentTo("lena@example.org"),
    });
    const element = document.createElement("sspr-reset");
    element.api = api;
    document.body.append(element);
    try {
      await untilHeading(element, /Who are you/);
      fill(element, "identifier", "lena@contoso.com");
      submit(element);
      await untilHeading(element, /How do you want to verify/);
      element.shadowRoot?.querySelector<HTMLButtonElement>("button")?.click();
      await untilHeading(element, /Confirm your contact/);
      fill(element, "contact", "lena@example.org");
      submit(element);
      await untilHeading(element, /Enter your code/);
      fill(element, "code", await codeSentTo("lena@example.org"));
      submit(element);
      await untilHeading(element, /Choose a new password/);
      button(element, /Unlock my account/).click();
      await untilHeading(element, /Your account is unlocked/);
      expect((await directory.getUser("lena"))?.locked).to.equal(false);
      expect(await directory.verifyPassword("lena", "lena's password")).to.equal(true);
    } finally {
      element.remove();
    }
  });
});

describe("<sspr-provider>", () => {
  it("shares its API and language with the elements inside it", async () => {
    const { api } = await pageEngine();
    const provider = document.createElement("sspr-provider");
    provider.api = api;
    provider.locale = "nl";
    const element = document.createElement("sspr-reset");
    provider.append(element);
    document.body.append(provider);
    await untilHeading(element, /Wie bent u/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /Hoe wilt u zich verifiëren/);
    provider.remove();
  });
});
