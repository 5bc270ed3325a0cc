import { resetMachine } from "../src/machines/reset/reset.machine.js";

/** Every machine with a committed diagram. */
export const machines = [
  { title: "Reset machine", machine: resetMachine, file: "reset/reset.diagram.md" },
];
