/**
 * A copy of `target` with the value at a dotted path replaced (`password.minLength`). Objects
 * on the path are copied, nothing is mutated; a path that does not exist is created.
 */
export function setPath<T>(target: T, path: string, value: unknown): T {
  const [head = "", ...rest] = path.split(".");
  const source = (target ?? {}) as Record<string, unknown>;
  const next = rest.length === 0 ? value : setPath(source[head], rest.join("."), value);
  return { ...source, [head]: next } as T;
}
