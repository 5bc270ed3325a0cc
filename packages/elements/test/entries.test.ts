import { expect } from "@esm-bundle/chai";

// One page, importing the package's per-element entries one at a time as a portal would: each
// defines its own element and no other, so a page that needs one element loads only that one.
// The imports are literal: the test server rewrites only those.
const entries = [
  ["@sspr/elements/provider", () => import("@sspr/elements/provider"), "sspr-provider"],
  ["@sspr/elements/reset", () => import("@sspr/elements/reset"), "sspr-reset"],
  ["@sspr/elements/register", () => import("@sspr/elements/register"), "sspr-register"],
  ["@sspr/elements/admin-policy", () => import("@sspr/elements/admin-policy"), "sspr-admin-policy"],
  ["@sspr/elements/admin-users", () => import("@sspr/elements/admin-users"), "sspr-admin-users"],
  ["@sspr/elements/admin-report", () => import("@sspr/elements/admin-report"), "sspr-admin-report"],
] as const;

describe("the per-element entries", () => {
  it("each define their element and no other", async () => {
    const defined = () => entries.map(([, , tag]) => tag).filter((tag) => customElements.get(tag));
    expect(defined()).to.deep.equal([]);
    const expected: string[] = [];
    for (const [entry, load, tag] of entries) {
      await load();
      expected.push(tag);
      expect(defined(), entry).to.deep.equal(expected);
    }
  });
});
