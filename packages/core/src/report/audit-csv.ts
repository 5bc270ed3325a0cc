import type { AuditEntry } from "../api/admin-report.schema.js";

/**
 * A cell as RFC 4180 wants it, and safe to open in a spreadsheet: a value that starts like a
 * formula (`=`, `+`, `-`, `@`, tab, return) gets a leading apostrophe (OWASP CSV injection).
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The audit trail as CSV: a header, then one line per entry, its details as `key=value` pairs.
 *
 * @example
 * const blob = new Blob([auditCsv(page.entries)], { type: "text/csv" });
 */
export function auditCsv(entries: AuditEntry[]): string {
  const header = ["time", "event", "actor", "subject", "outcome", "detail"];
  const lines = entries.map((e) =>
    [
      e.at,
      e.type,
      e.actor ?? "",
      e.subject ?? "",
      e.outcome,
      Object.entries(e.detail)
        .map(([key, value]) => `${key}=${value ?? ""}`)
        .join("; "),
    ]
      .map(cell)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
