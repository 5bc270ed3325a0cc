import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const example = "packages/engine/examples/headless-reset.ts";

describe("the README's headless example", () => {
  it("is the file that runs, and it resets the password", async () => {
    const readme = await readFile(`${root}README.md`, "utf8");
    const source = await readFile(`${root}${example}`, "utf8");
    const body = source.slice(source.indexOf("import {"));
    expect(readme).toContain(body.trim());
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--conditions=@sspr/source", example],
      { cwd: root },
    );
    expect(stdout).toMatch(/kind: 'email'/);
    expect(stdout.trim().split("\n").slice(-2)).toEqual(["done", "true"]);
  });
});
