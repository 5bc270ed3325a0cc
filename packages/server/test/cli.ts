import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));

/** The `sspr` command from its sources, with only the given `SSPR_*` variables. */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SSPR_")),
  );
  return spawn(process.execPath, ["--conditions=@sspr/source", "--import", "tsx", main, ...args], {
    cwd: root,
    env: { ...clean, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs `sspr` to its end: exit code and what it printed. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Waits until the child prints a line matching `pattern`, and returns that line. */
export function untilPrinted(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    // What it printed on stderr too, for the message when it exits first.
    let errors = "";
    const onError = (chunk: Buffer) => {
      errors += chunk;
    };
    const onData = (chunk: Buffer) => {
      seen += chunk;
      const line = seen.split("\n").find((l) => pattern.test(l));
      if (line) {
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onError);
        resolve(line);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onError);
    child.once("close", (code) =>
      reject(new Error(`Exited with ${code} before ${pattern}: ${seen}${errors}`)),
    );
  });
}
