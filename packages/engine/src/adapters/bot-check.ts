import type { BotChallenge } from "@sspr/core";

/** A verified bot-check proof; the engine claims `proofId` once so a proof cannot be replayed. */
export type BotVerdict =
  | { verified: true; proofId: string; expiresAt: number }
  | { verified: false };

/** Tells people from scripts before a reset starts: proof of work by default, no third party. */
export interface BotCheck {
  createChallenge(): Promise<BotChallenge>;
  verify(proof: string): Promise<BotVerdict>;
}
