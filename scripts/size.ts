// Bundle-size budgets of the web components, measured from production builds: each entry
// bundled with its dependencies and minified, then gzip and brotli. Fails past a budget.
import { brotliCompressSync, gzipSync } from "node:zlib";
import { build } from "esbuild";

const KB = 1024;
const entries = [
  {
    name: "all components (@sspr/elements)",
    file: "packages/elements/src/index.ts",
    budget: 40 * KB,
  },
  {
    name: "<sspr-reset>",
    file: "packages/elements/src/components/reset/sspr-reset.ts",
    budget: 32 * KB,
  },
  {
    name: "<sspr-provider>",
    file: "packages/elements/src/components/provider/sspr-provider.ts",
    budget: 32 * KB,
  },
];

let over = false;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
console.log("entry | minified | gzip | brotli | gzip budget");
for (const entry of entries) {
  const result = await build({
    entryPoints: [entry.file],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["@sspr/source"],
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code).length;
  const fits = gzip <= entry.budget;
  over ||= !fits;
  console.log(
    `${entry.name} | ${kb(code.length)} | ${kb(gzip)} | ${kb(brotli)} | ${kb(entry.budget)} ${fits ? "ok" : "OVER"}`,
  );
}
if (over) {
  console.error("A bundle is over its budget.");
  process.exit(1);
}
