import type { BotChallenge } from "@sspr/core";
import { encodeBotProof } from "@sspr/core";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";

/**
 * Solves a bot-check challenge and returns the proof for `startReset`: what a headless client
 * (or a test) does where a browser would run the widget in a worker.
 */
export async function solveBotChallenge(challenge: BotChallenge): Promise<string> {
  const solution = await solveChallenge({
    challenge: challenge.challenge as unknown as Challenge,
    deriveKey,
  });
  if (!solution) throw new Error("The bot-check challenge could not be solved in time");
  return encodeBotProof(challenge, solution);
}
