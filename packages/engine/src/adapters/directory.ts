/** A user as the directory (where passwords live) knows them. */
export interface DirectoryUser {
  id: string;
  /** Every identifier the user signs in with (user principal name, aliases); case-insensitive. */
  identifiers: string[];
  displayName: string;
  groups: string[];
  isAdmin: boolean;
  disabled: boolean;
  /** Locked out after failed sign-ins. A reset still works for a locked-out user. */
  locked: boolean;
}

/**
 * Where passwords live: the portal's user store, LDAP, or the store's own user table.
 * The engine never reads a password back; it asks the directory to compare and to set.
 */
export interface Directory {
  /** The user with this identifier (case-insensitive), or null. */
  findUser(identifier: string): Promise<DirectoryUser | null>;
  getUser(userId: string): Promise<DirectoryUser | null>;
  /** True when the password equals the current one or one of the `historyCount` before it. */
  isPasswordReused(userId: string, password: string, historyCount: number): Promise<boolean>;
  /** Sets the password, keeping the old one in the history. */
  setPassword(userId: string, password: string, options: { mustChange: boolean }): Promise<void>;
  /** Signs in: true when the password is the user's current one. */
  verifyPassword(userId: string, password: string): Promise<boolean>;

  /**
   * A page of users, ordered by id, whose id, identifiers or display name contain `search`
   * (case-insensitive; every user without it), and how many match in all.
   */
  listUsers(query: UserQuery): Promise<{ users: DirectoryUser[]; total: number }>;
  /** When the password was last set (null when unknown) and whether a change is due at next sign-in. */
  getPasswordState(userId: string): Promise<PasswordState | null>;
  /** Asks the user to change the password at next sign-in. */
  requirePasswordChange(userId: string): Promise<void>;
  /** Ends a lockout; the password stays as it is. */
  unlock(userId: string): Promise<void>;
}

/** Which users to list. */
export interface UserQuery {
  search?: string;
  offset: number;
  limit: number;
}

/** What the directory knows of a user's password, never the password. */
export interface PasswordState {
  /** Epoch milliseconds, or null when the directory does not know. */
  changedAt: number | null;
  mustChange: boolean;
}
