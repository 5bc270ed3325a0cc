import type { DeliveryChannel, Policy } from "@sspr/core";
import type {
  AuditEvent,
  AuditFilter,
  FlowRecord,
  MethodRecord,
  OutboxOutcome,
  OutboxRecord,
  SsprStore,
} from "@sspr/engine";
import {
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
  sql,
} from "kysely";
import { escapeLike, like } from "../db/like.js";
import type { Database } from "../db/open-database.js";
import type { Tables } from "../db/tables.js";

const toMethod = (row: Selectable<Tables["methods"]>): MethodRecord => ({
  id: row.id,
  userId: row.user_id,
  kind: row.kind as MethodRecord["kind"],
  contact: row.contact,
  secret: row.secret,
  answers: JSON.parse(row.answers),
  lastStep: row.last_step,
  createdAt: row.created_at,
});

const toFlow = (row: Selectable<Tables["flows"]>): FlowRecord => ({
  id: row.id,
  kind: row.kind as FlowRecord["kind"],
  subject: row.subject,
  data: JSON.parse(row.data),
  version: row.version,
  expiresAt: row.expires_at,
});

const toMessage = (row: Selectable<Tables["outbox"]>): OutboxRecord => ({
  id: row.id,
  channel: row.channel as OutboxRecord["channel"],
  payload: row.payload,
  state: row.state as OutboxRecord["state"],
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  lastError: row.last_error,
});

const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);

/**
 * The store on SQL (SQLite or PostgreSQL) through Kysely. Every rule-guarding operation is one
 * conditional statement (compare-and-set on a version, an upsert with a condition, an update
 * that re-checks its row), so the rules hold for many processes on one database.
 */
export class SqlStore implements SsprStore {
  readonly #db: Database["db"];
  readonly #dialect: Database["dialect"];

  constructor({ db, dialect }: Database) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async getPolicy() {
    const row = await this.#db
      .selectFrom("policy")
      .selectAll()
      .where("id", "=", 1)
      .executeTakeFirst();
    return row ? { policy: JSON.parse(row.policy) as Policy, version: row.version } : null;
  }

  async savePolicy(policy: Policy, expectedVersion: number) {
    const json = JSON.stringify(policy);
    if (expectedVersion === 0) {
      const inserted = await this.#db
        .insertInto("policy")
        .values({ id: 1, policy: json, version: 1 })
        .onConflict((c) => c.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      return inserted !== undefined;
    }
    const result = await this.#db
      .updateTable("policy")
      .set({ policy: json, version: expectedVersion + 1 })
      .where("id", "=", 1)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    return changed(result) === 1;
  }

  async listMethods(userId: string) {
    const rows = await this.#db
      .selectFrom("methods")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(toMethod);
  }

  async insertMethod(method: MethodRecord) {
    await this.#db
      .insertInto("methods")
      .values({
        user_id: method.userId,
        id: method.id,
        kind: method.kind,
        contact: method.contact,
        secret: method.secret,
        answers: JSON.stringify(method.answers),
        last_step: method.lastStep,
        created_at: method.createdAt,
      })
      .execute();
  }

  async deleteMethod(userId: string, methodId: string) {
    const result = await this.#db
      .deleteFrom("methods")
      .where("user_id", "=", userId)
      .where("id", "=", methodId)
      .executeTakeFirst();
    return changed(result) === 1;
  }

  async advanceMethodStep(userId: string, methodId: string, step: number) {
    const result = await this.#db
      .updateTable("methods")
      .set({ last_step: step })
      .where("user_id", "=", userId)
      .where("id", "=", methodId)
      .where("last_step", "<", step)
      .executeTakeFirst();
    return changed(result) === 1;
  }

  async getConfirmedAt(userId: string) {
    const row = await this.#db
      .selectFrom("confirmations")
      .select("confirmed_at")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row?.confirmed_at ?? null;
  }

  async setConfirmedAt(userId: string, at: number) {
    await this.#db
      .insertInto("confirmations")
      .values({ user_id: userId, confirmed_at: at })
      .onConflict((c) => c.column("user_id").doUpdateSet({ confirmed_at: at }))
      .execute();
  }

  async createFlow(flow: FlowRecord) {
    await this.#db
      .insertInto("flows")
      .values({
        id: flow.id,
        kind: flow.kind,
        subject: flow.subject,
        data: JSON.stringify(flow.data),
        version: flow.version,
        expires_at: flow.expiresAt,
      })
      .execute();
  }

  async getFlow(id: string) {
    const row = await this.#db
      .selectFrom("flows")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toFlow(row) : null;
  }

  async updateFlow(flow: FlowRecord) {
    const result = await this.#db
      .updateTable("flows")
      .set({
        subject: flow.subject,
        data: JSON.stringify(flow.data),
        version: flow.version,
        expires_at: flow.expiresAt,
      })
      .where("id", "=", flow.id)
      .where("version", "=", flow.version - 1)
      .executeTakeFirst();
    return changed(result) === 1;
  }

  async incrementCounter(key: string, windowMs: number, now: number) {
    // One upsert: a missing or ended window starts again at 1, else the count goes up by one.
    const ended = sql<boolean>`counters.reset_at <= ${now}`;
    const row = await this.#db
      .insertInto("counters")
      .values({ key, count: 1, reset_at: now + windowMs })
      .onConflict((c) =>
        c.column("key").doUpdateSet({
          count: sql`case when ${ended} then 1 else counters.count + 1 end`,
          reset_at: sql`case when ${ended} then excluded.reset_at else counters.reset_at end`,
        }),
      )
      .returning("count")
      .executeTakeFirstOrThrow();
    return row.count;
  }

  async decrementCounter(key: string, now: number) {
    await this.#db
      .updateTable("counters")
      .set({ count: sql`count - 1` })
      .where("key", "=", key)
      .where("reset_at", ">", now)
      .where("count", ">", 0)
      .execute();
  }

  async readCounter(key: string, now: number) {
    const row = await this.#db
      .selectFrom("counters")
      .select("count")
      .where("key", "=", key)
      .where("reset_at", ">", now)
      .executeTakeFirst();
    return row?.count ?? 0;
  }

  async counterResetAt(key: string, now: number) {
    const row = await this.#db
      .selectFrom("counters")
      .select("reset_at")
      .where("key", "=", key)
      .where("reset_at", ">", now)
      .executeTakeFirst();
    return row ? Number(row.reset_at) : null;
  }

  async claimOnce(key: string, expiresAt: number, now: number) {
    // Inserted, or taken over from an expired claim; a live claim makes the statement a no-op.
    const row = await this.#db
      .insertInto("claims")
      .values({ key, expires_at: expiresAt })
      .onConflict((c) =>
        c
          .column("key")
          .doUpdateSet({ expires_at: expiresAt })
          .where("claims.expires_at", "<=", now),
      )
      .returning("key")
      .executeTakeFirst();
    return row !== undefined;
  }

  async enqueue(message: Pick<OutboxRecord, "id" | "channel" | "payload" | "createdAt">) {
    await this.#db
      .insertInto("outbox")
      .values({
        id: message.id,
        channel: message.channel,
        payload: message.payload,
        state: "pending",
        attempts: 0,
        next_attempt_at: message.createdAt,
        created_at: message.createdAt,
        last_error: null,
      })
      .onConflict((c) => c.column("id").doNothing())
      .execute();
  }

  async claimDue(now: number, limit: number, leaseMs: number, channel?: DeliveryChannel) {
    const rows = await this.#db
      // Materialized, so the choice is made once: as an `in (…)` subquery PostgreSQL may run it
      // again per row, and with SKIP LOCKED each run picks another row, leasing past the limit.
      .with(
        (cte) => cte("due").materialized(),
        (db) =>
          db
            .selectFrom("outbox")
            .select("seq")
            .where("state", "=", "pending")
            .where("next_attempt_at", "<=", now)
            .$if(channel !== undefined, (q) => q.where("channel", "=", channel ?? ""))
            .orderBy("seq")
            .limit(limit)
            // PostgreSQL: concurrent workers skip rows another has locked instead of waiting.
            .$if(this.#dialect === "postgres", (q) => q.forUpdate().skipLocked()),
      )
      .updateTable("outbox")
      .from("due")
      .set((eb) => ({
        next_attempt_at: now + leaseMs,
        attempts: eb("outbox.attempts", "+", 1),
      }))
      .whereRef("outbox.seq", "=", "due.seq")
      // Re-checked on the row itself, so a message another worker leased meanwhile is left.
      .where("outbox.state", "=", "pending")
      .where("outbox.next_attempt_at", "<=", now)
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.seq - b.seq).map(toMessage);
  }

  async settle(lease: Pick<OutboxRecord, "id" | "attempts">, outcome: OutboxOutcome) {
    const result = await this.#db
      .updateTable("outbox")
      .set(
        outcome.state === "pending"
          ? { state: "pending", next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error }
          : outcome.state === "dead"
            ? { state: "dead", payload: "", last_error: outcome.error }
            : { state: "sent", payload: "" },
      )
      .where("id", "=", lease.id)
      // Only under this attempt's lease: a worker whose lease ran out changes nothing.
      .where("attempts", "=", lease.attempts)
      .where("state", "=", "pending")
      .executeTakeFirst();
    return changed(result) === 1;
  }

  async outboxBacklog() {
    const row = await this.#db
      .selectFrom("outbox")
      .select((eb) => [
        eb.fn.countAll<number>().as("pending"),
        eb.fn.min("created_at").as("oldest"),
      ])
      .where("state", "=", "pending")
      .executeTakeFirstOrThrow();
    return {
      pending: Number(row.pending),
      oldestCreatedAt: row.oldest === null ? null : Number(row.oldest),
    };
  }

  async listOutbox() {
    const rows = await this.#db.selectFrom("outbox").selectAll().orderBy("seq").execute();
    return rows.map(toMessage);
  }

  async purgeExpired(now: number) {
    return this.#db.transaction().execute(async (tx) => {
      const results = [
        await tx.deleteFrom("flows").where("expires_at", "<=", now).executeTakeFirst(),
        await tx.deleteFrom("counters").where("reset_at", "<=", now).executeTakeFirst(),
        await tx.deleteFrom("claims").where("expires_at", "<=", now).executeTakeFirst(),
      ];
      return results.reduce((sum, r) => sum + changed(r), 0);
    });
  }

  async appendAudit(event: AuditEvent) {
    await this.#db
      .insertInto("audit")
      .values({
        id: event.id,
        at: event.at,
        type: event.type,
        actor: event.actor,
        subject: event.subject,
        outcome: event.outcome,
        detail: JSON.stringify(event.detail),
      })
      .execute();
  }

  async listAudit(filter: AuditFilter) {
    // SQLite takes OFFSET only after a LIMIT, where -1 means none; PostgreSQL refuses -1.
    const limit =
      filter.limit ?? (filter.offset !== undefined && this.#dialect === "sqlite" ? -1 : undefined);
    const rows = await this.#db
      .selectFrom("audit")
      .selectAll()
      .$if(filter.actor !== undefined, (q) => q.where("actor", "=", filter.actor ?? ""))
      .$if(filter.subject !== undefined, (q) => q.where("subject", "=", filter.subject ?? ""))
      .$if(filter.type !== undefined, (q) =>
        q.where((eb) => this.#typeMatches(eb, filter.type ?? "")),
      )
      .$if(filter.from !== undefined, (q) => q.where("at", ">=", filter.from ?? 0))
      .$if(filter.to !== undefined, (q) => q.where("at", "<=", filter.to ?? 0))
      .orderBy("seq", "desc")
      .$if(limit !== undefined, (q) => q.limit(limit ?? 0))
      .$if(filter.offset !== undefined, (q) => q.offset(filter.offset ?? 0))
      .execute();
    return rows.map(
      (row): AuditEvent => ({
        id: row.id,
        at: row.at,
        type: row.type,
        actor: row.actor,
        subject: row.subject,
        outcome: row.outcome as AuditEvent["outcome"],
        detail: JSON.parse(row.detail),
      }),
    );
  }

  /** The event's type is `type`, or starts with it when it ends in `.` (`admin.`). */
  #typeMatches(eb: ExpressionBuilder<Tables, "audit">, type: string): Expression<SqlBool> {
    if (!type.endsWith(".")) return eb("type", "=", type);
    const starts = like(eb.ref("type"), `${escapeLike(type)}%`);
    // SQLite's LIKE ignores ASCII case, yet a prefix must match as exactly as a whole type.
    return this.#dialect === "sqlite"
      ? eb.and([starts, eb(eb.fn("instr", ["type", eb.val(type)]), "=", 1)])
      : starts;
  }

  async setNeverExpires(userId: string, neverExpires: boolean) {
    if (neverExpires)
      await this.#db
        .insertInto("never_expires")
        .values({ user_id: userId })
        .onConflict((c) => c.column("user_id").doNothing())
        .execute();
    else await this.#db.deleteFrom("never_expires").where("user_id", "=", userId).execute();
  }

  async listNeverExpires(userIds: string[]) {
    // `in ()` is not valid SQL: no ids, no query.
    if (userIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom("never_expires")
      .select("user_id")
      .where("user_id", "in", userIds)
      .execute();
    return rows.map((row) => row.user_id);
  }
}
