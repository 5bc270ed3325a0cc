// Browser tests: real Chromium (Debian's package, installed by .ci/run), TypeScript compiled by
// esbuild, packages resolved from source through the "@sspr/source" export condition.
import { readFile } from "node:fs/promises";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { playwrightLauncher } from "@web/test-runner-playwright";
import { chromiumArgs, chromiumPath } from "./scripts/chromium.mjs";

export default {
  files: "packages/elements/test/**/*.test.ts",
  nodeResolve: { exportConditions: ["@sspr/source", "browser", "import", "default"] },
  // msw's service worker must be served from the root to control the test pages.
  middleware: [
    async (context, next) => {
      if (context.path !== "/mockServiceWorker.js") return next();
      context.type = "application/javascript";
      context.body = await readFile(
        new URL("node_modules/msw/lib/mockServiceWorker.js", import.meta.url),
        "utf8",
      );
    },
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: "es2022", tsconfig: "packages/elements/tsconfig.json" }),
  ],
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    playwrightLauncher({
      product: "chromium",
      launchOptions: {
        executablePath: chromiumPath,
        args: chromiumArgs,
      },
    }),
  ],
};
