import {
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  auditCsv,
  type Problem,
  type SsprApi,
  SsprProblem,
  type UsageReport,
} from "@sspr/core";
import type { ReactiveController, ReactiveControllerHost } from "lit";

/** The report's steps: the first load, the report itself, a refusal, an unreachable server. */
type ReportStep = "loading" | "report" | "failed" | "network-error";

/** Whole UTC days, `2026-11-23`, from and to (both included). */
export interface Period {
  from: string;
  to: string;
}

/** The audit log's filters as typed; an empty one does not filter. Days are UTC. */
export interface AuditFilters {
  actor: string;
  subject: string;
  /** An event type, or a prefix ending in `.`. */
  type: string;
  from: string;
  to: string;
}

/** Where a problem is shown: under the period, the audit filters, or the export. */
type ProblemPlace = "report" | "audit" | "export";

/** Audit lines per page on screen. */
const AUDIT_PAGE = 50;
/** Audit lines per call while exporting (the API's most). */
const EXPORT_PAGE = 1000;
const DAY = 86_400_000;

/** The UTC day of an instant. */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The last `days` days up to today, in UTC. */
export const lastDays = (days: number, now = Date.now()): Period => ({
  from: dayOf(now - (days - 1) * DAY),
  to: dayOf(now),
});

export const noFilters: AuditFilters = { actor: "", subject: "", type: "", from: "", to: "" };

/** The API's query for filters as typed: days become the instants that bound them. */
function auditQuery(filters: AuditFilters, offset: number, limit: number): AuditQuery {
  const actor = filters.actor.trim();
  const subject = filters.subject.trim();
  return {
    ...(actor ? { actor } : {}),
    ...(subject ? { subject } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.from ? { from: `${filters.from}T00:00:00.000Z` } : {}),
    ...(filters.to ? { to: `${filters.to}T23:59:59.999Z` } : {}),
    offset,
    limit,
  };
}

/**
 * The state of `<sspr-admin-report>`: the period and its report, the audit log's filters and
 * page, the export; it calls the API, drops answers that came too late (a newer call was made,
 * or the element left the page), and re-renders its host on every change.
 */
export class ReportController implements ReactiveController {
  step: ReportStep = "loading";
  period: Period = lastDays(30);
  report: UsageReport | null = null;
  /** The filters of the page shown (and of the export). */
  filters: AuditFilters = noFilters;
  /** The page shown, and where it starts. */
  page: (AuditPage & { offset: number }) | null = null;
  /** What is being loaded now. */
  readonly loading = { report: false, audit: false, export: false };
  problem: { place: ProblemPlace; problem: Problem } | null = null;
  /** The last export: how many lines, to which file. */
  exported: { count: number; file: string } | null = null;
  // Each load takes a ticket; an answer is used only if no later load of its kind began.
  #tickets = { report: 0, audit: 0, export: 0, retry: 0 };
  #connected = false;
  #downloadUrl: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => SsprApi,
  ) {
    host.addController(this);
  }

  get busy(): boolean {
    return this.loading.report || this.loading.audit || this.loading.export;
  }

  hostConnected(): void {
    this.#connected = true;
    this.retry();
  }

  hostDisconnected(): void {
    this.#connected = false;
    // Late answers are dropped; nothing is loading any more.
    for (const kind of ["report", "audit", "export", "retry"] as const) this.#tickets[kind] += 1;
    Object.assign(this.loading, { report: false, audit: false, export: false });
    if (this.#downloadUrl) URL.revokeObjectURL(this.#downloadUrl);
    this.#downloadUrl = undefined;
  }

  /** Loads the report and the audit page again: the first load, and after a failure. */
  retry(): void {
    const ticket = ++this.#tickets.retry;
    this.step = "loading";
    this.problem = null;
    void Promise.all([this.#loadReport(), this.#loadAudit(this.page?.offset ?? 0)]).then(() => {
      if (ticket !== this.#tickets.retry || this.step !== "loading") return;
      this.step = this.report ? "report" : "failed";
      this.host.requestUpdate();
    });
  }

  /** Shows another period. */
  setPeriod(period: Period): void {
    if (!period.from || !period.to) return;
    this.period = period;
    void this.#loadReport();
  }

  /** Filters the audit log, from its newest line. */
  applyFilters(filters: AuditFilters): void {
    this.filters = filters;
    void this.#loadAudit(0);
  }

  /** The newer or older page of the audit log. */
  turnPage(direction: "newer" | "older"): void {
    const offset = this.page?.offset ?? 0;
    void this.#loadAudit(Math.max(0, offset + (direction === "older" ? AUDIT_PAGE : -AUDIT_PAGE)));
  }

  /** Every line matching the filters, page after page, downloaded as a CSV file. */
  exportCsv(): Promise<void> {
    const filters = this.filters;
    return this.#load(
      "export",
      async (api) => {
        const entries: AuditEntry[] = [];
        for (let more = true; more; ) {
          const page = await api.listAuditEvents(auditQuery(filters, entries.length, EXPORT_PAGE));
          entries.push(...page.entries);
          more = page.more && page.entries.length > 0;
        }
        return entries;
      },
      (entries) => {
        if (this.#downloadUrl) URL.revokeObjectURL(this.#downloadUrl);
        // The URL lives until the next export or until the element leaves the page.
        this.#downloadUrl = URL.createObjectURL(
          new Blob([auditCsv(entries)], { type: "text/csv" }),
        );
        const file = `sspr-audit-${dayOf(Date.now())}.csv`;
        const link = document.createElement("a");
        link.href = this.#downloadUrl;
        link.download = file;
        link.click();
        this.exported = { count: entries.length, file };
      },
    );
  }

  /** Loads the period's report. */
  #loadReport(): Promise<void> {
    const period = this.period;
    return this.#load(
      "report",
      (api) => api.getUsageReport(period),
      (report) => {
        this.report = report;
      },
    );
  }

  /** Loads the audit page for the filters from `offset`. */
  #loadAudit(offset: number): Promise<void> {
    const query = auditQuery(this.filters, offset, AUDIT_PAGE);
    return this.#load(
      "audit",
      (api) => api.listAuditEvents(query),
      (page) => {
        this.page = { ...page, offset };
        this.exported = null;
      },
    );
  }

  /**
   * Runs one call: busy meanwhile, its place's problem cleared, then its result used, or the
   * engine's problem shown, or the network-error step; unless a later call of its kind began
   * or the element left the page meanwhile.
   */
  async #load<R>(
    place: ProblemPlace,
    call: (api: SsprApi) => Promise<R>,
    use: (result: R) => void,
  ): Promise<void> {
    const ticket = ++this.#tickets[place];
    const current = () => this.#connected && ticket === this.#tickets[place];
    this.loading[place] = true;
    if (this.problem?.place === place) this.problem = null;
    this.host.requestUpdate();
    try {
      const result = await call(this.api());
      if (current()) use(result);
    } catch (error) {
      if (!current()) return;
      if (error instanceof SsprProblem) this.problem = { place, problem: error.problem };
      else this.step = "network-error";
    } finally {
      if (current()) {
        this.loading[place] = false;
        this.host.requestUpdate();
      }
    }
  }
}
