import type { Directory, DirectoryUser, UserQuery } from "../adapters/directory.js";
import type { PasswordHasher } from "../adapters/password-hasher.js";

const HISTORY_KEPT = 24;

interface Entry {
  user: DirectoryUser;
  /** Current hash first, then older ones. */
  hashes: string[];
  changedAt: number;
  mustChange: boolean;
}

const keyOf = (identifier: string) => identifier.trim().normalize("NFKC").toLowerCase();

/**
 * A directory in memory: users, their password hashes (never a password) and history.
 * For tests, demos, and hosts whose users live nowhere else yet.
 */
export class MemoryDirectory implements Directory {
  readonly #hasher: PasswordHasher;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();

  /** `now`: when passwords are set (epoch ms); the engine's clock in tests. */
  constructor(options: { hasher: PasswordHasher; now?: () => number }) {
    this.#hasher = options.hasher;
    this.#now = options.now ?? Date.now;
  }

  /** Adds a user with a first password. */
  async addUser(user: DirectoryUser, password: string): Promise<void> {
    this.#entries.set(user.id, {
      user: structuredClone(user),
      hashes: [await this.#hasher.hash(password)],
      changedAt: this.#now(),
      mustChange: false,
    });
  }

  /** Changes a user's attributes (groups, admin, disabled, locked …). */
  updateUser(userId: string, changes: Partial<Omit<DirectoryUser, "id">>): void {
    const entry = this.#entries.get(userId);
    if (entry) entry.user = { ...entry.user, ...structuredClone(changes) };
  }

  async findUser(identifier: string) {
    const key = keyOf(identifier);
    for (const { user } of this.#entries.values()) {
      if (user.identifiers.some((id) => keyOf(id) === key)) return structuredClone(user);
    }
    return null;
  }

  async getUser(userId: string) {
    const entry = this.#entries.get(userId);
    return entry ? structuredClone(entry.user) : null;
  }

  async isPasswordReused(userId: string, password: string, historyCount: number) {
    const hashes = this.#entries.get(userId)?.hashes.slice(0, historyCount + 1) ?? [];
    const matches = await Promise.all(hashes.map((hash) => this.#hasher.verify(hash, password)));
    return matches.some(Boolean);
  }

  async setPassword(userId: string, password: string, options: { mustChange: boolean }) {
    const entry = this.#entries.get(userId);
    if (!entry) throw new Error(`No user ${userId}`);
    const hash = await this.#hasher.hash(password);
    entry.hashes = [hash, ...entry.hashes].slice(0, HISTORY_KEPT + 1);
    entry.changedAt = this.#now();
    entry.mustChange = options.mustChange;
  }

  async verifyPassword(userId: string, password: string) {
    const current = this.#entries.get(userId)?.hashes[0];
    return current ? this.#hasher.verify(current, password) : false;
  }

  async listUsers(query: UserQuery) {
    const search = query.search?.trim().toLowerCase() ?? "";
    const matching = [...this.#entries.values()]
      .map((e) => e.user)
      .filter((u) =>
        [u.id, u.displayName, ...u.identifiers].some((text) => text.toLowerCase().includes(search)),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      users: structuredClone(matching.slice(query.offset, query.offset + query.limit)),
      total: matching.length,
    };
  }

  async getPasswordState(userId: string) {
    const entry = this.#entries.get(userId);
    return entry ? { changedAt: entry.changedAt, mustChange: entry.mustChange } : null;
  }

  async requirePasswordChange(userId: string) {
    const entry = this.#entries.get(userId);
    if (entry) entry.mustChange = true;
  }

  async unlock(userId: string) {
    this.updateUser(userId, { locked: false });
  }
}
