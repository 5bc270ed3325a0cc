import type { Directory, DirectoryUser, PasswordHasher, UserQuery } from "@sspr/engine";
import type { Selectable } from "kysely";
import { escapeLike, like } from "../db/like.js";
import type { Database } from "../db/open-database.js";
import type { Tables } from "../db/tables.js";

/** Hashes kept per user: the current one and the 24 before it (the policy's maximum history). */
const HASHES_KEPT = 25;

const keyOf = (identifier: string) => identifier.trim().normalize("NFKC").toLowerCase();

/**
 * The directory in the same SQL database as the store: users, their sign-in identifiers and
 * their password hashes (never a password), for organisations whose users live nowhere else,
 * and for the demo. Passwords are hashed with the engine's hasher.
 */
export class SqlDirectory implements Directory {
  readonly #db: Database["db"];
  readonly #hasher: PasswordHasher;
  readonly #now: () => number;

  /** `now`: when passwords are set (epoch ms); Date.now unless a test sets the time. */
  constructor(database: Database, options: { hasher: PasswordHasher; now?: () => number }) {
    this.#db = database.db;
    this.#hasher = options.hasher;
    this.#now = options.now ?? Date.now;
  }

  /** Adds a user with a first password; fails when the id or an identifier is taken. */
  async addUser(user: DirectoryUser, password: string): Promise<void> {
    const hash = await this.#hasher.hash(password);
    await this.#db.transaction().execute(async (tx) => {
      await tx
        .insertInto("users")
        .values({
          id: user.id,
          display_name: user.displayName,
          groups: JSON.stringify(user.groups),
          is_admin: Number(user.isAdmin),
          disabled: Number(user.disabled),
          locked: Number(user.locked),
          must_change: 0,
        })
        .execute();
      await tx
        .insertInto("user_identifiers")
        .values(
          user.identifiers.map((identifier, position) => ({
            key: keyOf(identifier),
            user_id: user.id,
            identifier,
            position,
          })),
        )
        .execute();
      await tx
        .insertInto("password_hashes")
        .values({ user_id: user.id, hash, changed_at: this.#now() })
        .execute();
    });
  }

  /** Changes a user's attributes (display name, groups, administrator, disabled, locked). */
  async updateUser(
    userId: string,
    changes: Partial<Omit<DirectoryUser, "id" | "identifiers">>,
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable("users")
      .set({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.groups !== undefined ? { groups: JSON.stringify(changes.groups) } : {}),
        ...(changes.isAdmin !== undefined ? { is_admin: Number(changes.isAdmin) } : {}),
        ...(changes.disabled !== undefined ? { disabled: Number(changes.disabled) } : {}),
        ...(changes.locked !== undefined ? { locked: Number(changes.locked) } : {}),
      })
      .where("id", "=", userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findUser(identifier: string) {
    const row = await this.#db
      .selectFrom("user_identifiers")
      .innerJoin("users", "users.id", "user_identifiers.user_id")
      .selectAll("users")
      .where("user_identifiers.key", "=", keyOf(identifier))
      .executeTakeFirst();
    const [user] = row ? await this.#toUsers([row]) : [];
    return user ?? null;
  }

  async getUser(userId: string) {
    const row = await this.#db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", userId)
      .executeTakeFirst();
    const [user] = row ? await this.#toUsers([row]) : [];
    return user ?? null;
  }

  async listUsers(query: UserQuery) {
    const search = query.search?.trim().toLowerCase() ?? "";
    const pattern = `%${escapeLike(search)}%`;
    const matching = this.#db.selectFrom("users").$if(search !== "", (q) =>
      q.where((eb) =>
        eb.or([
          like(eb.fn<string>("lower", ["users.id"]), pattern),
          like(eb.fn<string>("lower", ["users.display_name"]), pattern),
          // EXISTS, not a join: a user with several matching identifiers is one match.
          eb.exists(
            eb
              .selectFrom("user_identifiers")
              .select("user_identifiers.user_id")
              .whereRef("user_identifiers.user_id", "=", "users.id")
              .where((ib) =>
                like(ib.fn<string>("lower", ["user_identifiers.identifier"]), pattern),
              ),
          ),
        ]),
      ),
    );
    const [rows, { total }] = await Promise.all([
      matching
        .selectAll("users")
        .orderBy("users.id")
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      matching.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    ]);
    return { users: await this.#toUsers(rows), total: Number(total) };
  }

  async getPasswordState(userId: string) {
    const row = await this.#db
      .selectFrom("users")
      .select((eb) => [
        "users.must_change",
        eb
          .selectFrom("password_hashes")
          .select("password_hashes.changed_at")
          .whereRef("password_hashes.user_id", "=", "users.id")
          .orderBy("password_hashes.seq", "desc")
          .limit(1)
          .as("changed_at"),
      ])
      .where("users.id", "=", userId)
      .executeTakeFirst();
    return row ? { changedAt: row.changed_at ?? null, mustChange: row.must_change === 1 } : null;
  }

  async requirePasswordChange(userId: string) {
    await this.#db.updateTable("users").set({ must_change: 1 }).where("id", "=", userId).execute();
  }

  async unlock(userId: string) {
    await this.updateUser(userId, { locked: false });
  }

  async isPasswordReused(userId: string, password: string, historyCount: number) {
    const hashes = await this.#hashes(userId, historyCount + 1);
    const matches = await Promise.all(hashes.map((hash) => this.#hasher.verify(hash, password)));
    return matches.some(Boolean);
  }

  async setPassword(userId: string, password: string, options: { mustChange: boolean }) {
    const hash = await this.#hasher.hash(password);
    await this.#db.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable("users")
        .set({ must_change: Number(options.mustChange) })
        .where("id", "=", userId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new Error(`No user ${userId}`);
      await tx
        .insertInto("password_hashes")
        .values({ user_id: userId, hash, changed_at: this.#now() })
        .execute();
      const kept = tx
        .selectFrom("password_hashes")
        .select("seq")
        .where("user_id", "=", userId)
        .orderBy("seq", "desc")
        .limit(HASHES_KEPT);
      await tx
        .deleteFrom("password_hashes")
        .where("user_id", "=", userId)
        .where("seq", "not in", kept)
        .execute();
    });
  }

  async verifyPassword(userId: string, password: string) {
    const [current] = await this.#hashes(userId, 1);
    return current ? this.#hasher.verify(current, password) : false;
  }

  /** The user's newest `count` hashes, current first. */
  async #hashes(userId: string, count: number): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("password_hashes")
      .select("hash")
      .where("user_id", "=", userId)
      .orderBy("seq", "desc")
      .limit(count)
      .execute();
    return rows.map((r) => r.hash);
  }

  /** The users of these rows, with their identifiers read in one query for all of them. */
  async #toUsers(rows: Selectable<Tables["users"]>[]): Promise<DirectoryUser[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const identifiers = await this.#db
      .selectFrom("user_identifiers")
      .select(["user_id", "identifier"])
      .where("user_id", "in", ids)
      .orderBy("position")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      identifiers: identifiers.filter((i) => i.user_id === row.id).map((i) => i.identifier),
      displayName: row.display_name,
      groups: JSON.parse(row.groups),
      isAdmin: row.is_admin === 1,
      disabled: row.disabled === 1,
      locked: row.locked === 1,
    }));
  }
}
