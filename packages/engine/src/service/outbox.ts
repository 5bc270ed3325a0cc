import { type DeliveryChannel, deliveryChannels } from "@sspr/core";
import type { OutboundMessage } from "../adapters/delivery.js";
import type { OutboxOutcome, OutboxRecord } from "../adapters/store.js";
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
  /** Messages of one channel in flight at once; each channel has its own. */
  concurrency?: number;
  /** Attempts before a message is dead-lettered. */
  maxAttempts?: number;
  /**
   * How long a taken message is reserved for its worker. A message is taken just before it is
   * sent, so this covers one send (the transport's own timeouts), not a batch.
   */
  leaseMs?: number;
  /** First retry delay; doubles each attempt, at most an hour. */
  backoffMs?: number;
  /** Told how each attempt of the started loop ended. */
  onAttempt?: (attempt: OutboxAttempt) => void;
  /** Told when the started loop could not take messages (the store is away). */
  onError?: (error: unknown) => void;
}

/** How one attempt to send a message ended. */
export interface OutboxAttempt {
  id: string;
  channel: DeliveryChannel;
  /** The attempt's number, from 1. */
  attempt: number;
  /**
   * `lost` when the lease ran out before the attempt ended and another worker took the
   * message: its outcome is that worker's to record.
   */
  outcome: "sent" | "retried" | "dead" | "lost";
  /** Why the transport failed, for retried and dead attempts. */
  error?: string;
}

/** What one drain did. */
export interface OutboxRound {
  sent: number;
  retried: number;
  dead: number;
}

/** Drains the outbox: once now, or continuously until stopped. */
export interface OutboxWorker {
  /** Sends every message due now, once each, and resolves when none is left. */
  runOnce(): Promise<OutboxRound>;
  /**
   * Keeps sending until {@link OutboxWorker.stop}: per channel, `concurrency` senders each take
   * one due message at a time, and look again after `intervalMs` when none is due. A hung
   * session holds up one sender; the rest, and every other channel, go on.
   */
  start(intervalMs?: number): void;
  /** Stops taking messages and waits for the sends in flight. */
  stop(): Promise<void>;
}

/**
 * Creates the worker that carries queued messages to the delivery adapter. Delivery is
 * at-least-once: a message is recorded as sent right after the transport accepted it, so only a
 * crash in between sends it again, under the same idempotency key (the email's Message-ID, the
 * webhook's `x-sspr-idempotency-key`) for the receiver to drop.
 */
export function createOutboxWorker(
  ctx: EngineContext,
  options: OutboxWorkerOptions = {},
): OutboxWorker {
  const { concurrency = 4, maxAttempts = 8, leaseMs = 60_000, backoffMs = 5_000 } = options;
  let stopped = true;
  let senders: Promise<void>[] = [];
  const sleepers = new Set<() => void>();

  async function attempt(message: OutboxRecord): Promise<OutboxAttempt> {
    const { id, channel, attempts } = message;
    let outcome: OutboxOutcome;
    try {
      const body = JSON.parse(await ctx.keyring.decrypt(message.payload)) as Omit<
        OutboundMessage,
        "id" | "channel"
      >;
      await ctx.delivery.send({ id, channel, ...body });
      outcome = { state: "sent" };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const delay = Math.min(backoffMs * 2 ** (attempts - 1), 3_600_000);
      outcome =
        attempts >= maxAttempts
          ? { state: "dead", error: reason }
          : { state: "pending", nextAttemptAt: ctx.clock.now() + delay, error: reason };
    }
    const settled = await ctx.store.settle(message, outcome);
    return {
      id,
      channel,
      attempt: attempts,
      outcome: !settled ? "lost" : outcome.state === "pending" ? "retried" : outcome.state,
      ...("error" in outcome ? { error: outcome.error } : {}),
    };
  }

  /** Takes the next due message of a channel and sends it; null when none is due. */
  async function next(channel: DeliveryChannel): Promise<OutboxAttempt | null> {
    const [message] = await ctx.store.claimDue(ctx.clock.now(), 1, leaseMs, channel);
    return message ? attempt(message) : null;
  }

  const everySender = <T>(run: (channel: DeliveryChannel) => Promise<T>) =>
    deliveryChannels.flatMap((channel) => Array.from({ length: concurrency }, () => run(channel)));

  async function runOnce(): Promise<OutboxRound> {
    const round: OutboxRound = { sent: 0, retried: 0, dead: 0 };
    await Promise.all(
      everySender(async (channel) => {
        for (let done = await next(channel); done; done = await next(channel))
          if (done.outcome !== "lost") round[done.outcome] += 1;
      }),
    );
    return round;
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  async function send(channel: DeliveryChannel, intervalMs: number) {
    while (!stopped) {
      try {
        const done = await next(channel);
        if (done) {
          options.onAttempt?.(done);
          continue;
        }
      } catch (error) {
        options.onError?.(error);
      }
      await sleep(intervalMs);
    }
  }

  return {
    runOnce,
    start(intervalMs = 1_000) {
      if (!stopped) return;
      stopped = false;
      senders = everySender((channel) => send(channel, intervalMs));
    },
    async stop() {
      stopped = true;
      for (const wake of sleepers) wake();
      await Promise.all(senders);
    },
  };
}
