import type { DeliveryChannel, Policy, RegisteredMethodKind } from "@sspr/core";
import type { Counters } from "./counters.js";

/** A JSON value, as flows keep their state. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A method a user registered. Secrets in it are hashed or encrypted by the engine. */
export interface MethodRecord {
  id: string;
  userId: string;
  kind: RegisteredMethodKind;
  /** The email address or E.164 phone number; null for app and questions. */
  contact: string | null;
  /** The authenticator app's secret, encrypted; null for other kinds. */
  secret: string | null;
  /** Security question ids with their answers' slow hashes; empty for other kinds. */
  answers: { questionId: string; hash: string }[];
  /** The last TOTP time step accepted, so a step is accepted once; 0 when none. */
  lastStep: number;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** A reset flow or a pending registration, with the engine's state as JSON. */
export interface FlowRecord {
  /** The store key: the engine passes a hash of the id the client holds, never the id. */
  id: string;
  kind: "reset" | "registration" | "invitation";
  /** The user id, or a decoy subject key for an unknown user. */
  subject: string;
  data: { [key: string]: Json };
  /** Starts at 1; each update adds one. */
  version: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Where an outbox message stands. */
export type OutboxState = "pending" | "sent" | "dead";

/** A message waiting in (or done with) the durable outbox. */
export interface OutboxRecord {
  /** The idempotency key: enqueueing the same id twice keeps one message. */
  id: string;
  channel: DeliveryChannel;
  /** The rendered message, encrypted; emptied once sent or dead. */
  payload: string;
  state: OutboxState;
  attempts: number;
  /** Epoch milliseconds before which no worker takes it. */
  nextAttemptAt: number;
  createdAt: number;
  lastError: string | null;
}

/** How a delivery attempt ended. */
export type OutboxOutcome =
  | { state: "sent" }
  | { state: "pending"; nextAttemptAt: number; error: string }
  | { state: "dead"; error: string };

/** One line of the audit trail. Never holds a code, answer, password, token or secret. */
export interface AuditEvent {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  type: string;
  /** Who acted: a user id, or null for an anonymous caller. */
  actor: string | null;
  /** Whom it concerned: a user id, or null. */
  subject: string | null;
  outcome: "success" | "failure";
  detail: { [key: string]: string | number | boolean | null };
}

/** Filters for reading the audit trail; newest first. */
export interface AuditFilter {
  actor?: string;
  subject?: string;
  /** An exact type, or a prefix when it ends in `.` (`admin.`). */
  type?: string;
  /** Epoch milliseconds, inclusive. */
  from?: number;
  /** Epoch milliseconds, inclusive. */
  to?: number;
  offset?: number;
  limit?: number;
}

/**
 * Everything the engine keeps. Every operation that guards a rule is atomic in the store:
 * `updateFlow` and `savePolicy` are compare-and-set on a version, `advanceMethodStep` only moves
 * forward, `claimOnce` and `incrementCounter` are single statements, so the rules hold with
 * many engine instances on one store. `runConformance` in `@sspr/engine/conformance` pins it all.
 */
export interface SsprStore extends Counters {
  /** The saved policy and its version, or null before the first save. */
  getPolicy(): Promise<{ policy: Policy; version: number } | null>;
  /** Saves the policy as version `expectedVersion + 1` if the stored version is `expectedVersion` (0: none). */
  savePolicy(policy: Policy, expectedVersion: number): Promise<boolean>;

  /** The user's registered methods, oldest first. */
  listMethods(userId: string): Promise<MethodRecord[]>;
  insertMethod(method: MethodRecord): Promise<void>;
  /** Removes a method; false when the user has no such method. */
  deleteMethod(userId: string, methodId: string): Promise<boolean>;
  /** Records TOTP step `step` as used if it is later than the last one; false otherwise. */
  advanceMethodStep(userId: string, methodId: string, step: number): Promise<boolean>;
  /** When the user last registered or re-confirmed, or null. */
  getConfirmedAt(userId: string): Promise<number | null>;
  setConfirmedAt(userId: string, at: number): Promise<void>;

  createFlow(flow: FlowRecord): Promise<void>;
  getFlow(id: string): Promise<FlowRecord | null>;
  /** Replaces the flow if its stored version is `flow.version - 1`; false when someone else won. */
  updateFlow(flow: FlowRecord): Promise<boolean>;

  /** True the first time a key is claimed before it expires; false after. */
  claimOnce(key: string, expiresAt: number, now: number): Promise<boolean>;

  /** Queues a message; a second message with the same id is ignored. */
  enqueue(message: Pick<OutboxRecord, "id" | "channel" | "payload" | "createdAt">): Promise<void>;
  /**
   * Takes up to `limit` pending messages due by `now` (of one channel, when given), oldest first,
   * and leases them until `now + leaseMs` (their `nextAttemptAt`), so concurrent workers never
   * take the same message; adds one attempt. The attempt's number identifies the lease.
   */
  claimDue(
    now: number,
    limit: number,
    leaseMs: number,
    channel?: DeliveryChannel,
  ): Promise<OutboxRecord[]>;
  /**
   * Records how an attempt ended, only while the message is still pending under that attempt's
   * lease: false (and nothing changed) when the lease ran out and another worker took it. A sent
   * or dead message loses its payload.
   */
  settle(lease: Pick<OutboxRecord, "id" | "attempts">, outcome: OutboxOutcome): Promise<boolean>;
  /** How many messages wait to be sent, and when the oldest of them was queued. */
  outboxBacklog(): Promise<{ pending: number; oldestCreatedAt: number | null }>;
  /** Every outbox message, oldest first (for operators and reports). */
  listOutbox(): Promise<OutboxRecord[]>;

  /** Deletes expired flows, counters whose window ended and expired claims; returns how many. */
  purgeExpired(now: number): Promise<number>;

  appendAudit(event: AuditEvent): Promise<void>;
  listAudit(filter: AuditFilter): Promise<AuditEvent[]>;

  /** Lets a user's password never expire (per-user exception to the expiry policy), or not. */
  setNeverExpires(userId: string, neverExpires: boolean): Promise<void>;
  /** Of these users, those whose passwords never expire. */
  listNeverExpires(userIds: string[]): Promise<string[]>;
}
