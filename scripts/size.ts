// Bundle-size budgets of the web components, measured from production builds: each entry
// bundled with its dependencies, minified and split as a portal's bundler would, then gzip and
// brotli. A component's budget covers what a page downloads to show it (its entry chunk); code
// it imports only when needed (the bot check's worker) is printed as "later" and counts in the
// budget of all components together. Fails past a budget.
import { brotliCompressSync, gzipSync } from "node:zlib";
import { build } from "esbuild";

const KB = 1024;
const entries = [
  { name: "all components", file: "packages/elements/src/index.ts", budget: 40 * KB, all: true },
  {
    name: "<sspr-reset>",
    file: "packages/elements/src/components/reset/sspr-reset.ts",
    budget: 32 * KB,
  },
  {
    name: "<sspr-register>",
    file: "packages/elements/src/components/register/sspr-register.ts",
    budget: 32 * KB,
  },
  {
    name: "<sspr-provider>",
    file: "packages/elements/src/components/provider/sspr-provider.ts",
    budget: 32 * KB,
  },
];

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const sizes = (code: Uint8Array) => ({
  minified: code.length,
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code).length,
});

let over = false;
console.log("entry | minified | gzip | brotli | later (gzip) | gzip budget");
for (const entry of entries) {
  const result = await build({
    entryPoints: [entry.file],
    bundle: true,
    splitting: true,
    outdir: "size-out",
    minify: true,
    format: "esm",
    platform: "browser",
    // "module" picks xstate's ESM build, as bundlers that know the field do.
    conditions: ["@sspr/source", "module"],
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const outputs = result.outputFiles.map((file) => {
    const meta = result.metafile.outputs[file.path.slice(file.path.indexOf("size-out"))];
    return { entry: meta?.entryPoint === entry.file, ...sizes(file.contents) };
  });
  const first = outputs.filter((o) => o.entry);
  const later = outputs.filter((o) => !o.entry);
  const sum = (list: typeof outputs, key: "minified" | "gzip" | "brotli") =>
    list.reduce((total, o) => total + o[key], 0);
  const measured = entry.all ? outputs : first;
  const gzip = sum(measured, "gzip");
  const fits = gzip <= entry.budget;
  over ||= !fits;
  console.log(
    `${entry.name}${entry.all ? " (with later)" : ""} | ${kb(sum(measured, "minified"))} | ${kb(gzip)} | ${kb(sum(measured, "brotli"))} | ${kb(sum(later, "gzip"))} | ${kb(entry.budget)} ${fits ? "ok" : "OVER"}`,
  );
}
if (over) {
  console.error("A bundle is over its budget.");
  process.exit(1);
}
