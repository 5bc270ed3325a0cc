import { adminPolicyMachine } from "../src/machines/admin-policy/admin-policy.machine.js";
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
  {
    title: "Admin policy machine",
    machine: adminPolicyMachine,
    file: "admin-policy/admin-policy.diagram.md",
  },
];
