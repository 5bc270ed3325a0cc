import { type BotChallenge, encodeBotProof } from "@sspr/core";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";

/** Solves the engine's proof-of-work challenge in the page and returns the proof for `startReset`. */
export async function solveInBrowser(challenge: BotChallenge): Promise<string> {
  const solution = await solveChallenge({
    challenge: challenge.challenge as unknown as Challenge,
    deriveKey,
  });
  if (!solution) throw new Error("The bot check could not be solved");
  return encodeBotProof(challenge, solution);
}
