import type { BotChallenge } from "@sspr/core";
import type { Solution } from "altcha-lib";
import { fromBase64Url, toBase64Url, utf8 } from "../crypto/encoding.js";

/**
 * The proof a client submits: base64url of the JSON `{ challenge, solution }` (ALTCHA's payload).
 */
export function encodeBotProof(challenge: BotChallenge, solution: Solution): string {
  return toBase64Url(utf8(JSON.stringify({ challenge: challenge.challenge, solution })));
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
