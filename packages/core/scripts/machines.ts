import { registrationMachine } from "../src/machines/registration/registration.machine.js";
import { resetMachine } from "../src/machines/reset/reset.machine.js";

/** Every machine with a committed diagram. */
export const machines = [
  { title: "Reset machine", machine: resetMachine, file: "reset/reset.diagram.md" },
  {
    title: "Registration machine",
    machine: registrationMachine,
    file: "registration/registration.diagram.md",
  },
];
