import "axe-core";
import type { AxeResults } from "axe-core";

declare global {
  interface Window {
    axe: { run(context: Element, options?: object): Promise<AxeResults> };
  }
}

/** axe-core's violations in an element (its shadow DOM included), as readable lines. */
export async function axeViolations(element: Element): Promise<string[]> {
  const results = await window.axe.run(element, { resultTypes: ["violations"] });
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}
