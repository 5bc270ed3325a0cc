import type { DeliveryChannel, Policy } from "@sspr/core";
import type {
  AuditEvent,
  AuditFilter,
  FlowRecord,
  MethodRecord,
  OutboxOutcome,
  OutboxRecord,
  SsprStore,
} from "../adapters/store.js";

interface Tables {
  policy: { policy: Policy; version: number } | null;
  methods: MethodRecord[];
  confirmations: Record<string, number>;
  flows: Record<string, FlowRecord>;
  counters: Record<string, { count: number; resetAt: number }>;
  claims: Record<string, number>;
  outbox: OutboxRecord[];
  audit: AuditEvent[];
  neverExpires: Set<string>;
}

const copy = structuredClone;

/**
 * The store in memory, for tests, demos and single-process embedding. Each operation reads and
 * writes without awaiting in between, so within one event loop it is as atomic as the SQL
 * store's single statements.
 */
export class MemoryStore implements SsprStore {
  #t: Tables = {
    policy: null,
    methods: [],
    confirmations: {},
    flows: {},
    counters: {},
    claims: {},
    outbox: [],
    audit: [],
    neverExpires: new Set(),
  };

  /** A deep copy of everything held: for inspection (tests grep it for secrets). */
  tables(): Tables {
    return copy(this.#t);
  }

  async getPolicy() {
    return copy(this.#t.policy);
  }

  async savePolicy(policy: Policy, expectedVersion: number) {
    if ((this.#t.policy?.version ?? 0) !== expectedVersion) return false;
    this.#t.policy = { policy: copy(policy), version: expectedVersion + 1 };
    return true;
  }

  async listMethods(userId: string) {
    return copy(this.#t.methods.filter((m) => m.userId === userId));
  }

  async insertMethod(method: MethodRecord) {
    this.#t.methods.push(copy(method));
  }

  async deleteMethod(userId: string, methodId: string) {
    const before = this.#t.methods.length;
    this.#t.methods = this.#t.methods.filter((m) => !(m.userId === userId && m.id === methodId));
    return this.#t.methods.length < before;
  }

  async advanceMethodStep(userId: string, methodId: string, step: number) {
    const method = this.#t.methods.find((m) => m.userId === userId && m.id === methodId);
    if (!method || method.lastStep >= step) return false;
    method.lastStep = step;
    return true;
  }

  async getConfirmedAt(userId: string) {
    return this.#t.confirmations[userId] ?? null;
  }

  async setConfirmedAt(userId: string, at: number) {
    this.#t.confirmations[userId] = at;
  }

  async createFlow(flow: FlowRecord) {
    if (this.#t.flows[flow.id]) throw new Error("A flow with this id exists");
    this.#t.flows[flow.id] = copy(flow);
  }

  async getFlow(id: string) {
    return copy(this.#t.flows[id] ?? null);
  }

  async updateFlow(flow: FlowRecord) {
    const stored = this.#t.flows[flow.id];
    if (!stored || stored.version !== flow.version - 1) return false;
    this.#t.flows[flow.id] = copy(flow);
    return true;
  }

  async purgeExpired(now: number) {
    let purged = 0;
    const drop = <T>(table: Record<string, T>, expired: (value: T) => boolean) => {
      for (const [key, value] of Object.entries(table)) {
        if (expired(value)) {
          delete table[key];
          purged += 1;
        }
      }
    };
    drop(this.#t.flows, (f) => f.expiresAt <= now);
    drop(this.#t.counters, (c) => c.resetAt <= now);
    drop(this.#t.claims, (expiresAt) => expiresAt <= now);
    return purged;
  }

  async incrementCounter(key: string, windowMs: number, now: number) {
    const counter = this.#t.counters[key];
    if (!counter || counter.resetAt <= now) {
      this.#t.counters[key] = { count: 1, resetAt: now + windowMs };
      return 1;
    }
    counter.count += 1;
    return counter.count;
  }

  async decrementCounter(key: string, now: number) {
    const counter = this.#t.counters[key];
    if (counter && counter.resetAt > now && counter.count > 0) counter.count -= 1;
  }

  async readCounter(key: string, now: number) {
    const counter = this.#t.counters[key];
    return counter && counter.resetAt > now ? counter.count : 0;
  }

  async counterResetAt(key: string, now: number) {
    const counter = this.#t.counters[key];
    return counter && counter.resetAt > now ? counter.resetAt : null;
  }

  async claimOnce(key: string, expiresAt: number, now: number) {
    const claimed = this.#t.claims[key];
    if (claimed !== undefined && claimed > now) return false;
    this.#t.claims[key] = expiresAt;
    return true;
  }

  async enqueue(message: Pick<OutboxRecord, "id" | "channel" | "payload" | "createdAt">) {
    if (this.#t.outbox.some((m) => m.id === message.id)) return;
    this.#t.outbox.push({
      ...message,
      state: "pending",
      attempts: 0,
      nextAttemptAt: message.createdAt,
      lastError: null,
    });
  }

  async claimDue(now: number, limit: number, leaseMs: number, channel?: DeliveryChannel) {
    const due = this.#t.outbox
      .filter(
        (m) =>
          m.state === "pending" &&
          m.nextAttemptAt <= now &&
          (channel === undefined || m.channel === channel),
      )
      .slice(0, limit);
    for (const message of due) {
      message.nextAttemptAt = now + leaseMs;
      message.attempts += 1;
    }
    return copy(due);
  }

  async settle(lease: Pick<OutboxRecord, "id" | "attempts">, outcome: OutboxOutcome) {
    const message = this.#t.outbox.find(
      (m) => m.id === lease.id && m.attempts === lease.attempts && m.state === "pending",
    );
    if (!message) return false;
    message.state = outcome.state;
    if (outcome.state === "pending") {
      message.nextAttemptAt = outcome.nextAttemptAt;
      message.lastError = outcome.error;
    } else {
      message.payload = "";
      message.lastError = outcome.state === "dead" ? outcome.error : message.lastError;
    }
    return true;
  }

  async outboxBacklog() {
    const pending = this.#t.outbox.filter((m) => m.state === "pending");
    return {
      pending: pending.length,
      oldestCreatedAt: pending.length ? Math.min(...pending.map((m) => m.createdAt)) : null,
    };
  }

  async listOutbox() {
    return copy(this.#t.outbox);
  }

  async appendAudit(event: AuditEvent) {
    this.#t.audit.push(copy(event));
  }

  async listAudit(filter: AuditFilter) {
    const type = filter.type;
    const matching = this.#t.audit.filter(
      (e) =>
        (filter.actor === undefined || e.actor === filter.actor) &&
        (filter.subject === undefined || e.subject === filter.subject) &&
        (type === undefined || (type.endsWith(".") ? e.type.startsWith(type) : e.type === type)) &&
        (filter.from === undefined || e.at >= filter.from) &&
        (filter.to === undefined || e.at <= filter.to),
    );
    const offset = filter.offset ?? 0;
    return copy(matching.reverse().slice(offset, offset + (filter.limit ?? matching.length)));
  }

  async setNeverExpires(userId: string, neverExpires: boolean) {
    if (neverExpires) this.#t.neverExpires.add(userId);
    else this.#t.neverExpires.delete(userId);
  }

  async listNeverExpires(userIds: string[]) {
    return userIds.filter((id) => this.#t.neverExpires.has(id));
  }
}
