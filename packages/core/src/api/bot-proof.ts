import { fromBase64Url, toBase64Url } from "../encoding/base64url.js";
import type { BotChallenge } from "./reset.schema.js";

/**
 * The proof a client submits to `startReset`: base64url of the JSON `{ challenge, solution }`
 * (ALTCHA's payload), built the same way by every client.
 */
export function encodeBotProof(challenge: BotChallenge, solution: unknown): string {
  return toBase64Url(
    new TextEncoder().encode(JSON.stringify({ challenge: challenge.challenge, solution })),
  );
}

/** Reads a proof back; null for anything that is not one. */
export function decodeBotProof(proof: string): { challenge: unknown; solution: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(proof)));
    if (parsed && typeof parsed === "object" && "challenge" in parsed && "solution" in parsed)
      return parsed;
    return null;
  } catch {
    return null;
  }
}
