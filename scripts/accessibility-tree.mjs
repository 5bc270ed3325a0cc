// Test-runner commands that read what assistive technology gets from Chromium, for the browser
// tests' assertions: `accessible-node` (one node of the accessibility tree: role, name,
// description, states) and `aria-snapshot` (Playwright's ARIA snapshot of a subtree). Selectors
// are CSS, matched through open shadow roots (see deepQuery).

// Runs in the page: the element a selector chain names. "sspr-reset >>> button" is the first
// <sspr-reset> in the document, then the first <button> inside it (its shadow root included);
// each part is matched through any shadow roots below, in document order.
const deepQuery = `(chain) => {
  const within = (scope, selector) => {
    const roots = [scope];
    for (let i = 0; i < roots.length; i++) {
      const found = roots[i].querySelector(selector);
      if (found) return found;
      for (const element of roots[i].querySelectorAll("*")) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    return null;
  };
  let found = null;
  let scope = document;
  for (const part of chain.split(">>>")) {
    found = within(scope, part.trim());
    if (!found) return null;
    scope = found.shadowRoot ?? found;
  }
  return found;
}`;

/** One node as the tree has it: `{ role, name, description, ...properties }`, or null. */
async function accessibleNode(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send("Runtime.evaluate", {
      expression: `(${deepQuery})(${JSON.stringify(selector)})`,
    });
    if (!result.objectId) return null;
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", {
      objectId: result.objectId,
      fetchRelatives: false,
    });
    const node = nodes[0];
    if (!node) return null;
    const properties = Object.fromEntries(
      (node.properties ?? []).map((p) => [p.name, p.value.value]),
    );
    return {
      role: node.role?.value ?? "",
      name: node.name?.value ?? "",
      description: node.description?.value ?? "",
      ignored: node.ignored,
      ...properties,
    };
  } finally {
    await cdp.detach();
  }
}

export function accessibilityTreePlugin() {
  return {
    name: "accessibility-tree",
    async executeCommand({ command, payload, session }) {
      if (command !== "accessible-node" && command !== "aria-snapshot") return undefined;
      const page = session.browser.getPage(session.id);
      // Wrapped: a command that answers null counts as not handled.
      if (command === "accessible-node")
        return { node: await accessibleNode(page, payload.selector) };
      const parts = payload.selector.split(">>>").map((part) => part.trim());
      return parts
        .reduce((scope, part) => scope.locator(part), page)
        .first()
        .ariaSnapshot();
    },
  };
}
