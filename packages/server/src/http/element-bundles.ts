import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import elementsPackage from "@sspr/elements/package.json" with { type: "json" };
import type { Env, Hono } from "hono";

/** The prebuilt elements `sspr serve` hands to pages on any origin. */
export interface ElementBundles {
  /** `@sspr/elements`' version: the folder they are served from, `/elements/<version>/`. */
  version: string;
  /** Each file by its path inside the folder (`sspr-elements.js`, `chunks/…`). */
  files: Map<string, Buffer>;
}

/** The two entries a page loads with a script tag. */
const bundleEntries = ["sspr-elements.js", "sspr-admin.js"] as const;

/**
 * Reads `@sspr/elements`' `bundle/` folder (built by its `scripts/bundle.ts`) into memory: a few
 * hundred kilobytes, and only these names can ever be served. Null when it was not built.
 */
export async function loadElementBundles(): Promise<ElementBundles | null> {
  const folder = join(
    dirname(fileURLToPath(import.meta.resolve("@sspr/elements/package.json"))),
    "bundle",
  );
  const names = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => null);
  if (!names) return null;
  const files = new Map<string, Buffer>();
  for (const entry of names.filter((name) => name.isFile() && name.name.endsWith(".js"))) {
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(folder.length + 1).replaceAll("\\", "/"), await readFile(path));
  }
  return { version: elementsPackage.version, files };
}

/** The Subresource Integrity value of a file (`sha384-…`), for a script tag's `integrity`. */
const integrityOf = (file: Buffer) =>
  `sha384-${createHash("sha384").update(file).digest("base64")}`;

/**
 * The script tags a portal page pastes, for a server reachable at `url`: versioned, pinned by
 * their integrity hash, fetched without credentials.
 */
export function scriptTags(bundles: ElementBundles, url: string): string {
  return bundleEntries
    .map((name) => {
      const file = bundles.files.get(name);
      if (!file) throw new Error(`The elements' bundle has no ${name}`);
      const src = `${url.replace(/\/$/, "")}/elements/${bundles.version}/${name}`;
      return `<script type="module" src="${src}" integrity="${integrityOf(file)}" crossorigin="anonymous"></script>`;
    })
    .join("\n");
}

/**
 * Serves the bundles at `/elements/<version>/…` to any origin: a version's files never change, so
 * browsers and CDNs keep them a year; the CORS and resource-policy headers let a module script on
 * another origin load them (module scripts are always fetched with CORS). Route it before the
 * page headers: their same-origin resource policy would otherwise win.
 */
export function routeElementBundles<E extends Env>(app: Hono<E>, bundles: ElementBundles): void {
  const prefix = `/elements/${bundles.version}/`;
  app.use(`${prefix}*`, async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    c.res.headers.set("cache-control", "public, max-age=31536000, immutable");
    c.res.headers.set("access-control-allow-origin", "*");
    c.res.headers.set("cross-origin-resource-policy", "cross-origin");
  });
  app.get(`${prefix}*`, (c) => {
    const file = bundles.files.get(c.req.path.slice(prefix.length));
    return file
      ? c.body(new Uint8Array(file), 200, { "content-type": "text/javascript; charset=utf-8" })
      : c.notFound();
  });
}
