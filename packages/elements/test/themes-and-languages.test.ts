import { expect } from "@esm-bundle/chai";
import "../src/index.js";
import { axeViolations } from "./accessibility.js";
import { pageEngine } from "./browser-engine.js";
import { fill, problemShown, submit, untilHeading } from "./steps.js";

/** Each step's heading, in each language. */
const headings = {
  en: {
    identify: /Who are you/,
    choose: /How do you want to verify/,
    confirm: /Confirm your contact/,
    code: /Enter your code/,
    password: /Choose a new password/,
    done: /Your password was changed/,
    method: /Email a code/,
  },
  nl: {
    identify: /Wie bent u/,
    choose: /Hoe wilt u zich verifiëren/,
    confirm: /Bevestig uw contactgegeven/,
    code: /Voer uw code in/,
    password: /Kies een nieuw wachtwoord/,
    done: /Uw wachtwoord is gewijzigd/,
    method: /E-mail een code/,
  },
};

/** The host page's background for each theme: the elements paint none of their own. */
const pageBackground = { light: "#ffffff", dark: "#0d1117" };

for (const theme of ["light", "dark"] as const) {
  for (const locale of ["en", "nl"] as const) {
    describe(`<sspr-reset> in ${theme}, ${locale}`, () => {
      it("walks every step, and a refused code, with nothing for axe to report", async () => {
        const { api, codeSentTo } = await pageEngine();
        const page = document.createElement("main");
        page.style.background = pageBackground[theme];
        const element = document.createElement("sspr-reset");
        element.api = api;
        element.theme = theme;
        element.locale = locale;
        page.append(element);
        document.body.append(page);
        const step = headings[locale];
        try {
          // untilHeading runs axe on each step.
          await untilHeading(element, step.identify);
          expect(getComputedStyle(element).colorScheme).to.equal(theme);
          fill(element, "identifier", "anna@contoso.com");
          submit(element);
          await untilHeading(element, step.choose);
          [...(element.shadowRoot?.querySelectorAll("button") ?? [])]
            .find((b) => step.method.test(b.textContent ?? ""))
            ?.click();
          await untilHeading(element, step.confirm);
          fill(element, "contact", "anna@example.org");
          submit(element);
          await untilHeading(element, step.code);
          fill(element, "code", "00000000");
          submit(element);
          await problemShown(element);
          await element.updateComplete;
          expect(await axeViolations(page)).to.deep.equal([]);
          fill(element, "code", await codeSentTo("anna@example.org"));
          submit(element);
          await untilHeading(element, step.password);
          fill(element, "password", "sunlit harbour lanterns seven");
          await element.updateComplete;
          expect(await axeViolations(page)).to.deep.equal([]);
          fill(element, "confirm", "sunlit harbour lanterns seven");
          submit(element);
          await untilHeading(element, step.done);
        } finally {
          page.remove();
        }
      });
    });
  }
}
