import type { DeliveryChannel } from "@sspr/core";
import type { OutboundMessage } from "../adapters/delivery.js";
import { randomId } from "../crypto/random.js";
import type { EngineContext } from "./context.js";

/**
 * Queues a message in the durable outbox, encrypted (it may hold a code), under an idempotency
 * key. No API call waits on delivery: the worker sends it.
 */
export async function queueMessage(
  ctx: EngineContext,
  message: { channel: DeliveryChannel; to: string; subject: string; text: string },
  id: string = randomId(),
): Promise<void> {
  const { to, subject, text } = message;
  await ctx.store.enqueue({
    id,
    channel: message.channel,
    payload: await ctx.keyring.encrypt(JSON.stringify({ to, subject, text })),
    createdAt: ctx.clock.now(),
  });
}

/** Options of the outbox worker. */
export interface OutboxWorkerOptions {
  /** Messages taken per round. */
  batchSize?: number;
  /** Attempts before a message is dead-lettered. */
  maxAttempts?: number;
  /** How long a taken message is reserved for its worker. */
  leaseMs?: number;
  /** First retry delay; doubles each attempt, at most an hour. */
  backoffMs?: number;
  /** Told after every round of the started loop that moved a message, or that failed. */
  onRound?: (round: OutboxRound | { error: unknown }) => void;
}

/** What one round of the worker did. */
export interface OutboxRound {
  sent: number;
  retried: number;
  dead: number;
}

/** Drains the outbox: a round now, or rounds on an interval until stopped. */
export interface OutboxWorker {
  /** Sends every message due now, once each. */
  runOnce(): Promise<OutboxRound>;
  /** Runs a round every `intervalMs` until {@link OutboxWorker.stop}. */
  start(intervalMs?: number): void;
  /** Stops the loop and waits for the round in flight. */
  stop(): Promise<void>;
}

/** Creates the worker that carries queued messages to the delivery adapter. */
export function createOutboxWorker(
  ctx: EngineContext,
  options: OutboxWorkerOptions = {},
): OutboxWorker {
  const { batchSize = 50, maxAttempts = 8, leaseMs = 60_000, backoffMs = 5_000, onRound } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function deliver(id: string, channel: DeliveryChannel, payload: string, attempts: number) {
    try {
      const body = JSON.parse(await ctx.keyring.decrypt(payload)) as Omit<
        OutboundMessage,
        "id" | "channel"
      >;
      await ctx.delivery.send({ id, channel, ...body });
      await ctx.store.settle(id, { state: "sent" });
      return "sent" as const;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (attempts >= maxAttempts) {
        await ctx.store.settle(id, { state: "dead", error: reason });
        return "dead" as const;
      }
      const delay = Math.min(backoffMs * 2 ** (attempts - 1), 3_600_000);
      await ctx.store.settle(id, {
        state: "pending",
        nextAttemptAt: ctx.clock.now() + delay,
        error: reason,
      });
      return "retried" as const;
    }
  }

  async function runOnce(): Promise<OutboxRound> {
    const round: OutboxRound = { sent: 0, retried: 0, dead: 0 };
    for (;;) {
      const due = await ctx.store.claimDue(ctx.clock.now(), batchSize, leaseMs);
      for (const message of due) {
        round[await deliver(message.id, message.channel, message.payload, message.attempts)] += 1;
      }
      if (due.length < batchSize) return round;
    }
  }

  function loop(intervalMs: number) {
    if (stopped) return;
    running = runOnce()
      .then(
        (round) => {
          if (round.sent + round.retried + round.dead > 0) onRound?.(round);
        },
        (error: unknown) => onRound?.({ error }),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(() => loop(intervalMs), intervalMs);
      });
  }

  return {
    runOnce,
    start(intervalMs = 1_000) {
      if (!stopped) return;
      stopped = false;
      loop(intervalMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
