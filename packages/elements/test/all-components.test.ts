import { expect } from "@esm-bundle/chai";
import "../src/admin.js";
import "../src/index.js";
import { axeViolations } from "./accessibility.js";
import { pageEngine } from "./browser-engine.js";
import { fill, submit, until, untilHeading } from "./steps.js";

/** The workers the page starts, by script URL. */
function watchWorkers(): { urls: string[]; restore: () => void } {
  const urls: string[] = [];
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      urls.push(String(url));
    }
  };
  return { urls, restore: () => (window.Worker = Original) };
}

describe("a page with every sspr element in one provider", () => {
  it("shows each, themed and in step, without stealing focus; the bot check runs in a worker with progress", async () => {
    const { apiFor } = await pageEngine();
    const provider = document.createElement("sspr-provider");
    provider.api = apiFor("admin");
    provider.theme = "dark";
    const reset = document.createElement("sspr-reset");
    const register = document.createElement("sspr-register");
    const policy = document.createElement("sspr-admin-policy");
    policy.setAttribute("theme", "light");
    provider.append(reset, register, policy);
    // As a portal places them: in its main landmark.
    const main = document.createElement("main");
    main.append(provider);
    document.body.append(main);

    await untilHeading(reset, /Who are you/);
    await untilHeading(register, /Your security info/);
    await untilHeading(policy, /Password reset policy/);
    expect(document.activeElement).to.equal(document.body);
    const background = (element: Element) =>
      getComputedStyle(element).getPropertyValue("--sspr-bg").trim();
    expect(background(reset)).to.equal("#0d1117");
    expect(background(register)).to.equal("#0d1117");
    expect(background(policy)).to.equal("#ffffff");
    expect(await axeViolations(document.body)).to.deep.equal([]);

    const workers = watchWorkers();
    try {
      fill(reset, "identifier", "anna@contoso.com");
      submit(reset);
      await reset.updateComplete;
      const progress = reset.shadowRoot?.querySelector('[part="progress"]');
      expect(progress?.querySelector("progress")).to.not.equal(null);
      expect(progress?.textContent).to.match(/\S/);
      const choose = await untilHeading(reset, /How do you want to verify/);
      expect(workers.urls.length).to.be.greaterThan(0);
      expect(workers.urls.every((url) => url.startsWith("blob:"))).to.equal(true);
      // The user works in <sspr-reset>: its new step takes focus, the others stay put.
      await until(() => reset.shadowRoot?.activeElement === choose, "focus on the new step");
      expect(document.activeElement).to.equal(reset);
    } finally {
      workers.restore();
      main.remove();
    }
  });
});

describe("<sspr-provider> given a new API", () => {
  it("hands it to an element added in the same moment, as a page that signs in does", async () => {
    const { api, apiFor } = await pageEngine();
    const provider = document.createElement("sspr-provider");
    provider.api = api;
    document.body.append(provider);
    await provider.updateComplete;
    // Signed in: the page swaps the API and shows <sspr-register> in one synchronous render.
    provider.api = apiFor("anna");
    const register = document.createElement("sspr-register");
    provider.append(register);
    try {
      await untilHeading(register, /Your security info/);
    } finally {
      provider.remove();
    }
  });
});
