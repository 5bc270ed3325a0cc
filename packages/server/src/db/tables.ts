import type { Generated } from "kysely";

/**
 * The tables of the SQL store, as Kysely sees them. Times are epoch milliseconds (bigint in
 * PostgreSQL, integer in SQLite); JSON is kept as text, so both databases store it alike.
 */
export interface Tables {
  policy: { id: number; policy: string; version: number };
  methods: {
    user_id: string;
    id: string;
    kind: string;
    contact: string | null;
    secret: string | null;
    answers: string;
    last_step: number;
    created_at: number;
  };
  confirmations: { user_id: string; confirmed_at: number };
  flows: {
    id: string;
    kind: string;
    subject: string;
    data: string;
    version: number;
    expires_at: number;
  };
  counters: { key: string; count: number; reset_at: number };
  claims: { key: string; expires_at: number };
  outbox: {
    seq: Generated<number>;
    id: string;
    channel: string;
    payload: string;
    state: string;
    attempts: number;
    next_attempt_at: number;
    created_at: number;
    last_error: string | null;
  };
  audit: {
    seq: Generated<number>;
    id: string;
    at: number;
    type: string;
    actor: string | null;
    subject: string | null;
    outcome: string;
    detail: string;
  };
  users: {
    id: string;
    display_name: string;
    groups: string;
    /** 0 or 1 (booleans as integers in both databases). */
    is_admin: number;
    disabled: number;
    locked: number;
    must_change: number;
  };
  /** Sign-in identifiers: `key` normalised (NFKC, lower case) names one user; `identifier` as given. */
  user_identifiers: { key: string; user_id: string; identifier: string; position: number };
  /**
   * Password hashes, the newest (highest seq) current; older ones are the history. `changed_at`
   * is when the hash was set, null for hashes set before it was recorded.
   */
  password_hashes: {
    seq: Generated<number>;
    user_id: string;
    hash: string;
    changed_at: number | null;
  };
  /** Users whose passwords never expire, whatever the policy's maximum age. */
  never_expires: { user_id: string };
}
