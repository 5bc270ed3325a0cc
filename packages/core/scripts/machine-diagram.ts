import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from "xstate";

const label = (transition: AnyTransitionDefinition): string => {
  const event = transition.eventType;
  const name =
    event === ""
      ? "always"
      : event.startsWith("xstate.done.actor")
        ? "done"
        : event.startsWith("xstate.error.actor")
          ? "error"
          : event;
  const guard = transition.guard;
  const params =
    guard &&
    typeof guard === "object" &&
    "params" in guard &&
    guard.params &&
    typeof guard.params === "object"
      ? ` ${Object.values(guard.params).join(" ")}`
      : "";
  const guardName =
    typeof guard === "string"
      ? guard
      : guard && typeof guard === "object" && "type" in guard
        ? `${String(guard.type)}${params}`
        : "";
  return guardName ? `${name} [${guardName}]` : name;
};

const name = (node: AnyStateNode) => node.path.join("_") || "root";

/**
 * A Mermaid state diagram of a machine, from its own definition: every state and every
 * transition (events, invoked actors' done and error, eventless), guards in brackets.
 */
function machineDiagram(machine: AnyStateMachine): string {
  const initial = machine.root.initial?.target[0]?.key ?? "?";
  const lines = ["stateDiagram-v2", `  [*] --> ${initial}`];
  for (const node of [machine.root, ...(Object.values(machine.root.states) as AnyStateNode[])]) {
    if (node.type === "final") lines.push(`  ${name(node)} --> [*]`);
    const transitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
    for (const transition of transitions) {
      // The machine's own transitions apply in any state: a note, not an arrow.
      if (node === machine.root)
        lines.push(`  note right of ${initial}: in any state, ${label(transition)}`);
      else
        for (const target of transition.target ?? [node])
          lines.push(`  ${name(node)} --> ${name(target)}: ${label(transition)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The committed Markdown file for a machine's diagram. */
export const diagramDocument = (title: string, machine: AnyStateMachine): string =>
  `# ${title}\n\nGenerated from the machine by \`npm run diagrams\`; a test fails when it is out of date.\n\n\`\`\`mermaid\n${machineDiagram(machine)}\`\`\`\n`;
