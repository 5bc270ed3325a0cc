/** System error codes of a peer that is gone, refused, cut off or too slow. */
const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Disk faults: full, read-only, failing, or the file vanished. */
const diskCodes = new Set(["ENOSPC", "EROFS", "EIO", "EDQUOT"]);

/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "wrong": connection exceptions (08),
 * insufficient resources such as a full disk (53), the server shutting down or starting (57P01-3),
 * and a read-only standby after a failover (25006).
 */
const postgresState = /^(08|53|57P0[123]$|25006$)/;

/** node-postgres' and ioredis' own words for a lost, refused or stalled connection. */
const clientMessages =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Connection is closed|Command timed out|Stream isn't writeable|Reached the max retries|connect ETIMEDOUT/;

/** SQLite's result codes for a full, read-only, failing or locked database file. */
const sqliteCode = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|NOTADB|CORRUPT)/;

/**
 * True when an error says a backing service (PostgreSQL, SQLite's disk, Redis) is away, full or
 * too slow, so the request may succeed later: a 503, not a 500. Anything else is a bug.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (networkCodes.has(code) || diskCodes.has(code) || sqliteCode.test(code)) return true;
    if (postgresState.test(code)) return true;
  }
  return clientMessages.test(error.message);
}
