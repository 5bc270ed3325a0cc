import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createHttpApi, type SsprApi, solveBotChallenge } from "@sspr/core";
import { runCli, spawnCli, untilPrinted } from "./cli.js";

/** A running `sspr serve` process and its API. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  api: SsprApi;
  /** The API as a signed-in user, with a token from `sspr token`. */
  as(userId: string): Promise<SsprApi>;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `sspr serve` with the given environment (port 0: any free port). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawnCli(["serve"], { SSPR_LISTEN_PORT: "0", ...env });
  const { url } = JSON.parse(await untilPrinted(child, /sspr is serving/)) as { url: string };
  return {
    child,
    url,
    api: createHttpApi({ endpoint: `${url}/sspr` }),
    async as(userId) {
      const token = (await runCli(["token", userId], env)).stdout.trim();
      return createHttpApi({
        endpoint: `${url}/sspr`,
        headers: async () => ({ authorization: `Bearer ${token}` }),
      });
    },
    stop() {
      const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
      child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Starts a reset for an identifier on a server, bot check solved for real. */
export async function startReset(api: SsprApi, identifier: string) {
  return api.startReset({
    identifier,
    botProof: await solveBotChallenge(await api.getBotChallenge()),
  });
}

/** The `nth` code (from 1) the outbox file holds for an address, once it is there. */
export async function codeSentTo(outbox: string, to: string, nth: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const text = await readFile(outbox, "utf8").catch(() => "");
    const messages = text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { to: string; text: string });
    const code = messages
      .filter((m) => m.to === to)
      .map((m) => m.text.match(/\d{8}/)?.[0])
      .filter(Boolean)[nth - 1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No code for ${to}`);
}
