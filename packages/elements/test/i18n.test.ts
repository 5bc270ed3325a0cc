import { expect } from "@esm-bundle/chai";
import { adminPolicyEn } from "../src/i18n/admin-policy.en.js";
import { adminPolicyNl } from "../src/i18n/admin-policy.nl.js";
import { adminReportEn } from "../src/i18n/admin-report.en.js";
import { adminReportNl } from "../src/i18n/admin-report.nl.js";
import { adminUsersEn } from "../src/i18n/admin-users.en.js";
import { adminUsersNl } from "../src/i18n/admin-users.nl.js";
import { commonEn } from "../src/i18n/common.en.js";
import { commonNl } from "../src/i18n/common.nl.js";
import { translator } from "../src/i18n/localize.js";
import { registerEn } from "../src/i18n/register.en.js";
import { registerNl } from "../src/i18n/register.nl.js";
import { resetEn } from "../src/i18n/reset.en.js";
import { resetNl } from "../src/i18n/reset.nl.js";

/** Every catalogue: English, the reference, and Dutch. */
const catalogues: [string, Record<string, string>, Record<string, string>][] = [
  ["common", commonEn, commonNl],
  ["reset", resetEn, resetNl],
  ["register", registerEn, registerNl],
  ["admin-policy", adminPolicyEn, adminPolicyNl],
  ["admin-users", adminUsersEn, adminUsersNl],
  ["admin-report", adminReportEn, adminReportNl],
];

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe("the catalogues", () => {
  for (const [name, en, nl] of catalogues) {
    it(`${name}: the same keys in English and Dutch, each with a text and the same placeholders`, () => {
      expect(Object.keys(nl).sort()).to.deep.equal(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        expect(text.trim(), key).not.to.equal("");
        expect(nl[key]?.trim(), key).not.to.equal("");
        expect(placeholders(nl[key] ?? ""), key).to.deep.equal(placeholders(text));
      }
    });
  }

  it("fill placeholders", () => {
    expect(
      translator(resetNl)("reset.choose.progress", {
        verified: 1,
        required: 2,
      }),
    ).to.equal("Methode 1 van 2");
  });
});
