import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import { encodeBotProof } from "./bot-proof.js";
import type { BotChallenge } from "./reset.schema.js";

/**
 * Solves the engine's proof-of-work challenge (WebCrypto, any runtime) and returns the proof
 * `startReset` takes: what a headless client passes to the reset machine as `solveBot`.
 */
export async function solveBotChallenge(challenge: BotChallenge): Promise<string> {
  const solution = await solveChallenge({
    challenge: challenge.challenge as unknown as Challenge,
    deriveKey,
  });
  if (!solution) throw new Error("The bot-check challenge could not be solved in time");
  return encodeBotProof(challenge, solution);
}
