import { executeServerCommand, sendKeys } from "@web/test-runner-commands";

/** One node of Chromium's accessibility tree, as a screen reader gets it. */
interface AccessibleNode {
  role: string;
  name: string;
  description: string;
  ignored: boolean;
  invalid?: string;
  disabled?: boolean;
  focused?: boolean;
  checked?: string;
  required?: boolean;
}

/**
 * The accessibility-tree node of an element: `"sspr-reset >>> button"` is the first button in
 * the first `<sspr-reset>`, looked up through shadow roots (see scripts/accessibility-tree.mjs).
 */
export async function accessibleNode(selector: string): Promise<AccessibleNode> {
  const { node } = await executeServerCommand<
    { node: AccessibleNode | null },
    { selector: string }
  >("accessible-node", { selector });
  if (!node) throw new Error(`No element like ${selector}`);
  return node;
}

/** Playwright's ARIA snapshot (YAML) of the first element matching a CSS selector. */
export const ariaSnapshot = (selector: string): Promise<string> =>
  executeServerCommand<string, { selector: string }>("aria-snapshot", { selector });

/** Presses a key as the keyboard does (real input events from the browser). */
export const press = (key: string): Promise<void> => sendKeys({ press: key });

/** The element that has focus, found through the shadow roots it sits in. */
export function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
