// The custom-elements manifest of @sspr/elements, from the components' JSDoc: `npm run manifest`.
export default {
  globs: ["packages/elements/src/components/**/*.ts"],
  outdir: "packages/elements",
  litelement: true,
  plugins: [
    {
      // The analyzer lists modules in file-system order, which differs between machines; CI
      // compares the file with the committed one, so the order must not depend on the disk.
      name: "sort-modules",
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : 1));
      },
    },
  ],
};
