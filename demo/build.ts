// Bundles the demo portal (demo/src/main.ts) into demo/public/app.js for `sspr serve` to serve.
import { build } from "esbuild";

await build({
  entryPoints: [new URL("src/main.ts", import.meta.url).pathname],
  outfile: new URL("public/app.js", import.meta.url).pathname,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: true,
  conditions: ["@sspr/source", "module"],
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
