import { type BotChallenge, encodeBotProof, solveBotChallenge } from "@sspr/core";
import { type Challenge, solveChallengeWorkers } from "altcha-lib";

/** At most this many workers race for the solution; more cores than that buy little. */
const MAX_WORKERS = 4;

/**
 * Solves the engine's proof-of-work challenge on worker threads, so the page keeps answering
 * while it runs. The worker starts from a `blob:` URL (no bundler set-up in the embedding
 * page); where a Content-Security-Policy forbids that (`worker-src` without `blob:`), the
 * challenge is solved on the main thread instead, which is slower to the eye but never fails.
 */
export async function solveOffMainThread(challenge: BotChallenge): Promise<string> {
  // Loaded when first needed: the worker's code is not part of the element's first download.
  const { botWorkerSource } = await import("./bot-worker.source.js");
  const url = URL.createObjectURL(new Blob([botWorkerSource], { type: "text/javascript" }));
  try {
    const solution = await solveChallengeWorkers({
      challenge: challenge.challenge as unknown as Challenge,
      concurrency: Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1),
      createWorker: () => new Worker(url),
    });
    if (solution) return encodeBotProof(challenge, solution);
  } catch {
    // A blocked or failing worker: fall through to the main thread.
  } finally {
    URL.revokeObjectURL(url);
  }
  return solveBotChallenge(challenge);
}
