import type { Policy } from "@sspr/core";
import { ConfigError } from "../config/load-config.js";

/** The policy with `key=value` settings applied; values are JSON (`15`, `true`, `"text"`, `[…]`). */
export function policyWith(policy: Policy, settings: string[]): Policy {
  const next: Record<string, unknown> = structuredClone(policy);
  for (const setting of settings) {
    const at = setting.indexOf("=");
    if (at < 1) throw new ConfigError(`Not key=value: ${setting}`);
    const path = setting.slice(0, at).split(".");
    const text = setting.slice(at + 1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
    let target = next;
    for (const key of path.slice(0, -1)) {
      const child = target[key];
      if (typeof child !== "object" || child === null)
        throw new ConfigError(`No policy setting ${path.join(".")}`);
      target = child as Record<string, unknown>;
    }
    const last = path.at(-1) ?? "";
    if (!Object.hasOwn(target, last)) throw new ConfigError(`No policy setting ${path.join(".")}`);
    target[last] = value;
  }
  return next as Policy;
}
