import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { diagramDocument } from "../scripts/machine-diagram.js";
import { machines } from "../scripts/machines.js";

describe("the committed machine diagrams", () => {
  it.each(machines)(
    "$title is in step with the machine (npm run diagrams)",
    async ({ title, machine, file }) => {
      const committed = await readFile(new URL(`../src/machines/${file}`, import.meta.url), "utf8");
      expect(committed).toBe(diagramDocument(title, machine));
    },
  );
});
