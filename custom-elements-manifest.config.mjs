// The custom-elements manifest of @sspr/elements, from the components' JSDoc: `npm run manifest`.
export default {
  globs: ["packages/elements/src/components/**/*.ts"],
  outdir: "packages/elements",
  litelement: true,
};
