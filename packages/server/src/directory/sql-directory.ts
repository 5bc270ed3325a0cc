import type { Directory, DirectoryUser, PasswordHasher } from "@sspr/engine";
import type { Selectable } from "kysely";
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

  constructor(database: Database, options: { hasher: PasswordHasher }) {
    this.#db = database.db;
    this.#hasher = options.hasher;
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
      await tx.insertInto("password_hashes").values({ user_id: user.id, hash }).execute();
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

  /** Every user, by id. */
  async listUsers(): Promise<DirectoryUser[]> {
    const rows = await this.#db.selectFrom("users").selectAll().orderBy("id").execute();
    return Promise.all(rows.map((row) => this.#toUser(row)));
  }

  /** Whether the user must change the password at next sign-in. */
  async mustChangePassword(userId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom("users")
      .select("must_change")
      .where("id", "=", userId)
      .executeTakeFirst();
    return row?.must_change === 1;
  }

  async findUser(identifier: string) {
    const row = await this.#db
      .selectFrom("user_identifiers")
      .innerJoin("users", "users.id", "user_identifiers.user_id")
      .selectAll("users")
      .where("user_identifiers.key", "=", keyOf(identifier))
      .executeTakeFirst();
    return row ? this.#toUser(row) : null;
  }

  async getUser(userId: string) {
    const row = await this.#db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", userId)
      .executeTakeFirst();
    return row ? this.#toUser(row) : null;
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
      await tx.insertInto("password_hashes").values({ user_id: userId, hash }).execute();
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

  async #toUser(row: Selectable<Tables["users"]>): Promise<DirectoryUser> {
    const identifiers = await this.#db
      .selectFrom("user_identifiers")
      .select("identifier")
      .where("user_id", "=", row.id)
      .orderBy("position")
      .execute();
    return {
      id: row.id,
      identifiers: identifiers.map((i) => i.identifier),
      displayName: row.display_name,
      groups: JSON.parse(row.groups),
      isAdmin: row.is_admin === 1,
      disabled: row.disabled === 1,
      locked: row.locked === 1,
    };
  }
}
