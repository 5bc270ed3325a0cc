import { expect } from "@esm-bundle/chai";
import type { LitElement } from "lit";
import { axeViolations } from "./accessibility.js";

/** Waits for `ready` to hold, checking every 25 ms for up to 10 s. */
export async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Waits until the element shows a step whose heading matches; axe must find nothing there. */
export async function untilHeading(element: LitElement, text: RegExp): Promise<HTMLElement> {
  const heading = () => element.shadowRoot?.querySelector<HTMLElement>("h2");
  await until(
    () => text.test(heading()?.textContent ?? ""),
    `a heading like ${text}; last: ${heading()?.textContent}`,
  );
  await element.updateComplete;
  const shown = heading();
  if (!shown) throw new Error("The heading went away");
  expect(await axeViolations(element), shown.textContent ?? "").to.deep.equal([]);
  return shown;
}

/** Types into the named field as a user would: focus, value, input event. */
export function fill(element: LitElement, name: string, value: string): HTMLInputElement {
  const input = element.shadowRoot?.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!input) throw new Error(`No field ${name}`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
  input.dispatchEvent(new Event("change", { bubbles: true, composed: true }));
  return input;
}

/** Submits the step's form as the Enter key would. */
export function submit(element: LitElement): void {
  element.shadowRoot?.querySelector("form")?.requestSubmit();
}

/** The button whose text matches, as a user finds it on screen. */
export function button(element: LitElement, text: RegExp): HTMLButtonElement {
  const found = [...(element.shadowRoot?.querySelectorAll("button") ?? [])].find((b) =>
    text.test(b.textContent ?? ""),
  );
  if (!found) throw new Error(`No button like ${text}`);
  return found;
}

/** The text of the step's problem, once one is shown. */
export async function problemShown(element: LitElement): Promise<string> {
  const error = () => element.shadowRoot?.querySelector('[part="error"]');
  await until(() => error() != null, "a problem to be shown");
  return error()?.textContent ?? "";
}

/**
 * A connection that is down until `reconnect()`: wrap a call with `whileDown` and it fails as
 * fetch does offline; afterwards it goes through.
 */
export function flakyConnection() {
  let down = true;
  return {
    whileDown: <T>(call: () => Promise<T>): Promise<T> =>
      down ? Promise.reject(new TypeError("Failed to fetch")) : call(),
    reconnect: () => {
      down = false;
    },
  };
}

/** Waits for the network-error step, reconnects, and retries as a user would. */
export async function retryAfterReconnect(
  element: LitElement,
  connection: ReturnType<typeof flakyConnection>,
): Promise<void> {
  await untilHeading(element, /could not reach the server/);
  connection.reconnect();
  button(element, /Try again/).click();
}
