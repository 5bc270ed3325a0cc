// Bundle-size budgets of the web components, measured from production builds: each entry
// bundled with its dependencies, minified and split as a portal's bundler would, then gzip and
// brotli. A component's budget covers what a page downloads to show it (its entry chunk); code
// it imports only when needed (the bot check's worker) is printed as "later" and counts in the
// budget of all components together. The entries are those of `@sspr/elements`' exports map,
// what a user can import: the self-service elements (`@sspr/elements`), the administrators'
// (`/admin`: a self-service page never loads admin code), and each element alone (`/reset`, …).
// Fails past a budget, or for an entry without one.
import { readFile } from "node:fs/promises";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { build } from "esbuild";

const KB = 1024;
/** Each gzip budget by the subpath a page imports; an export without one fails the check. */
const budgets: Record<string, number> = {
  ".": 40 * KB,
  "./admin": 48 * KB,
  "./reset": 32 * KB,
  "./register": 32 * KB,
  "./provider": 32 * KB,
  "./admin-policy": 32 * KB,
  "./admin-users": 32 * KB,
  "./admin-report": 32 * KB,
};
// What a user can import: every entry of the package's exports map, from its sources.
const manifest = JSON.parse(await readFile("packages/elements/package.json", "utf8")) as {
  exports: Record<string, string | { "@sspr/source": string }>;
};
const entries = Object.entries(manifest.exports).flatMap(([subpath, target]) =>
  typeof target === "string"
    ? []
    : [
        {
          name: `@sspr/elements${subpath.slice(1)}`,
          file: `packages/elements/${target["@sspr/source"].slice(2)}`,
          budget: budgets[subpath],
        },
      ],
);

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
  const byPath = new Map(
    result.outputFiles.map((file) => [file.path.slice(file.path.indexOf("size-out")), file]),
  );
  // What a page downloads to show the component: the entry chunk and every chunk it imports
  // statically. Dynamic imports (the bot check's worker, the policy schema) load later, when used.
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const i of result.metafile.outputs[path]?.imports ?? [])
      if (i.kind === "import-statement") visit(i.path);
  };
  const entryChunk = Object.entries(result.metafile.outputs).find(
    ([, meta]) => meta.entryPoint === entry.file,
  );
  if (entryChunk) visit(entryChunk[0]);
  const measure = (paths: string[]) =>
    paths
      .map((path) => sizes(byPath.get(path)?.contents ?? new Uint8Array()))
      .reduce(
        (total, s) => ({
          minified: total.minified + s.minified,
          gzip: total.gzip + s.gzip,
          brotli: total.brotli + s.brotli,
        }),
        { minified: 0, gzip: 0, brotli: 0 },
      );
  const first = measure([...initial]);
  const later = measure([...byPath.keys()].filter((path) => !initial.has(path)));
  const fits = entry.budget !== undefined && first.gzip <= entry.budget;
  over ||= !fits;
  console.log(
    `${entry.name} | ${kb(first.minified)} | ${kb(first.gzip)} | ${kb(first.brotli)} | ${kb(later.gzip)} | ${entry.budget === undefined ? "no budget" : kb(entry.budget)} ${fits ? "ok" : "OVER"}`,
  );
}
if (over) {
  console.error("A bundle is over its budget.");
  process.exit(1);
}
