import { expect } from "@esm-bundle/chai";
import { en } from "../src/i18n/en.js";
import { translator } from "../src/i18n/localize.js";
import { nl } from "../src/i18n/nl.js";

describe("the catalogues", () => {
  it("have the same keys in English and Dutch, each with a text and the same placeholders", () => {
    expect(Object.keys(nl).sort()).to.deep.equal(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(nl[key].trim(), key).not.to.equal("");
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(nl[key]), key).to.deep.equal(placeholders(en[key]));
    }
  });

  it("fill placeholders", () => {
    expect(translator("nl")("reset.choose.progress", { verified: 1, required: 2 })).to.equal(
      "Methode 1 van 2",
    );
  });
});
