// Builds the elements for a page with no bundler: `bundle/sspr-elements.js` (the self-service
// elements) and `bundle/sspr-admin.js` (the administrators'), ES modules with their
// dependencies inside and the code they load later in content-hashed chunks beside them.
// `sspr serve` serves this folder at `/elements/<version>/`.
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const outdir = fileURLToPath(new URL("../bundle", import.meta.url));
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    "sspr-elements": fileURLToPath(new URL("../src/index.ts", import.meta.url)),
    "sspr-admin": fileURLToPath(new URL("../src/admin.ts", import.meta.url)),
  },
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  conditions: ["@sspr/source", "module"],
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
