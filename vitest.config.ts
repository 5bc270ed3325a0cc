import { defineConfig } from "vitest/config";

// Tests run from TypeScript sources through the "@sspr/source" export condition: no build step.
export default defineConfig({
  resolve: { conditions: ["@sspr/source"] },
  ssr: { resolve: { conditions: ["@sspr/source"] } },
  test: {
    // Node tests; the elements' tests run in Chromium (web-test-runner.config.mjs).
    include: ["packages/*/test/**/*.test.ts", "demo/test/**/*.test.ts"],
    exclude: ["packages/elements/**", "**/node_modules/**"],
    testTimeout: 20_000,
    benchmark: { include: ["packages/*/bench/**/*.bench.ts"] },
  },
});
