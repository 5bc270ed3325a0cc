import { expect } from "@esm-bundle/chai";
import type { SsprApi } from "@sspr/core";
import "../src/index.js";
import { accessibleNode } from "./assistive.js";
import { pageEngine } from "./browser-engine.js";
import { button, fill, submit, until, untilHeading } from "./steps.js";

/** An API whose every call fails as fetch does against a server that is not there. */
const unreachable = new Proxy({} as SsprApi, {
  get: () => () => Promise.reject(new TypeError("Failed to fetch")),
});

/** Errors nobody caught while `run` ran (and shortly after). */
async function uncaughtDuring(run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => {
    errors.push(event.message);
    event.preventDefault();
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    errors.push(String(event.reason));
    event.preventDefault();
  };
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onRejection);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    window.removeEventListener("error", onError);
    window.removeEventListener("unhandledrejection", onRejection);
  }
  return errors;
}

describe("a host page that sets the API late", () => {
  it("shows what is missing with a retry, then starts with the `.api` set after connecting", async () => {
    const { api } = await pageEngine();
    const element = document.createElement("sspr-reset");
    document.body.append(element);
    try {
      const heading = await untilHeading(element, /not connected/);
      expect(heading.textContent).to.not.equal("");
      expect(element.shadowRoot?.textContent).to.contain("has not told it where");
      expect((await accessibleNode("sspr-reset >>> button")).name).to.equal("Try again");
      button(element, /Try again/).click();
      await untilHeading(element, /not connected/);
      element.api = api;
      await untilHeading(element, /Who are you/);
      fill(element, "identifier", "anna@contoso.com");
      submit(element);
      await untilHeading(element, /How do you want to verify/);
    } finally {
      element.remove();
    }
  });

  it("starts again with a new `.api` that replaces one set before", async () => {
    const { apiFor } = await pageEngine();
    const element = document.createElement("sspr-register");
    element.api = unreachable;
    document.body.append(element);
    try {
      await untilHeading(element, /could not reach the server/);
      element.api = apiFor("anna");
      await untilHeading(element, /Your security info/);
      expect(element.shadowRoot?.textContent).to.contain("Add a method");
    } finally {
      element.remove();
    }
  });

  it("follows a provider whose API arrives after the element connected", async () => {
    const { apiFor } = await pageEngine();
    const provider = document.createElement("sspr-provider");
    const element = document.createElement("sspr-register");
    provider.append(element);
    document.body.append(provider);
    try {
      await untilHeading(element, /not connected/);
      provider.api = apiFor("anna");
      await untilHeading(element, /Your security info/);
    } finally {
      provider.remove();
    }
  });
});

describe("a host page that moves or re-renders the element", () => {
  /** Anna's reset, up to the step where she confirms her address. */
  async function atConfirm(element: HTMLElementTagNameMap["sspr-reset"]) {
    await untilHeading(element, /Who are you/);
    fill(element, "identifier", "anna@contoso.com");
    submit(element);
    await untilHeading(element, /How do you want to verify/);
    button(element, /Email a code/).click();
    await untilHeading(element, /Confirm your contact/);
  }

  it("keeps the reset where it was when the element is moved, and it goes on from there", async () => {
    const { api, codeSentTo } = await pageEngine();
    const element = document.createElement("sspr-reset");
    element.api = api;
    document.body.append(element);
    const elsewhere = document.createElement("section");
    document.body.append(elsewhere);
    try {
      await atConfirm(element);
      elsewhere.append(element);
      await untilHeading(element, /Confirm your contact/);
      element.remove();
      await new Promise((resolve) => setTimeout(resolve, 50));
      document.body.append(element);
      await untilHeading(element, /Confirm your contact/);
      fill(element, "contact", "anna@example.org");
      submit(element);
      await untilHeading(element, /Enter your code/);
      fill(element, "code", await codeSentTo("anna@example.org"));
      submit(element);
      await untilHeading(element, /Choose a new password/);
    } finally {
      element.remove();
      elsewhere.remove();
    }
  });

  it("logs no uncaught error when the page navigates away mid-step", async () => {
    const { api } = await pageEngine();
    const element = document.createElement("sspr-reset");
    element.api = api;
    document.body.append(element);
    await atConfirm(element);
    const errors = await uncaughtDuring(async () => {
      fill(element, "contact", "anna@example.org");
      submit(element);
      element.remove();
      await until(() => !element.shadowRoot?.querySelector("[aria-busy=true]"), "the call to end");
    });
    expect(errors).to.deep.equal([]);
  });

  it("keeps what was typed when the language changes mid-step", async () => {
    const { api } = await pageEngine();
    const element = document.createElement("sspr-reset");
    element.api = api;
    document.body.append(element);
    try {
      await untilHeading(element, /Who are you/);
      const typed = fill(element, "identifier", "anna@contoso.com");
      element.locale = "nl";
      await element.updateComplete;
      expect(element.shadowRoot?.querySelector("h2")?.textContent).to.not.equal("");
      await untilHeading(element, /Wie bent u/);
      const field = element.shadowRoot?.querySelector<HTMLInputElement>('[name="identifier"]');
      expect(field).to.equal(typed);
      expect(field?.value).to.equal("anna@contoso.com");
    } finally {
      element.remove();
    }
  });
});
