// Writes each machine's committed diagram: `npm run diagrams`.
import { writeFile } from "node:fs/promises";
import { diagramDocument } from "./machine-diagram.js";
import { machines } from "./machines.js";

for (const { title, machine, file } of machines) {
  await writeFile(
    new URL(`../src/machines/${file}`, import.meta.url),
    diagramDocument(title, machine),
  );
}
