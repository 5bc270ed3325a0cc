import type { AuditEntry, UsageDay, UsageMethod, UsageReport } from "@sspr/core";
import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { adminReportEn } from "../../i18n/admin-report.en.js";
import { commonEn } from "../../i18n/common.en.js";
import { joinCatalogues, type Messages, type Translate } from "../../i18n/localize.js";
import { baseStyles } from "../shared/base.styles.js";
import { onSubmit } from "../shared/on-submit.js";
import { type CommonKey, SsprElement } from "../shared/sspr-element.js";
import { horizontalBarChart, stackedBarChart } from "./charts.js";
import {
  type AuditFilters,
  lastDays,
  noFilters,
  type Period,
  ReportController,
} from "./report-controller.js";
import { adminReportStyles } from "./sspr-admin-report.styles.js";

type ReportKey = keyof typeof adminReportEn;
type T = Translate<ReportKey | CommonKey>;

const messages: Messages<ReportKey | CommonKey> = {
  en: { ...commonEn, ...adminReportEn },
  nl: () =>
    joinCatalogues(
      import("../../i18n/common.nl.js").then((m) => m.commonNl),
      import("../../i18n/admin-report.nl.js").then((m) => m.adminReportNl),
    ),
};

/** The ways a reset was verified, in the charts' order (core's `usageMethods` would bring zod). */
const usageMethods = [
  "email",
  "sms",
  "voice",
  "app",
  "questions",
] as const satisfies readonly UsageMethod[];
/** The periods offered with one click, in days up to today. */
const presets = [7, 30, 90] as const;
/** The kinds of method users register, as the report counts them. */
const kinds = ["email", "phone", "app", "questions"] as const;
/** The day's counts shown beside the methods, and as totals. */
const totals = ["resets", "unlocks", "failedVerifications", "throttled", "adminResets"] as const;
/** The audit filter's event choices: groups of a prefix and the exact types under it. */
const eventGroups = [
  {
    group: "reset",
    prefix: "reset.",
    types: [
      "reset.started",
      "reset.method-chosen",
      "reset.method-verified",
      "reset.verify-failed",
      "reset.password-rejected",
      "reset.completed",
      "reset.unlocked",
    ],
  },
  {
    group: "registration",
    prefix: "registration.",
    types: ["registration.method-added", "registration.method-removed", "registration.reconfirmed"],
  },
  {
    group: "admin",
    prefix: "admin.",
    types: [
      "admin.password-reset",
      "admin.invitation-sent",
      "admin.force-change",
      "admin.never-expires",
    ],
  },
  { group: "other", prefix: null, types: ["policy.saved", "throttle.refused"] },
] as const;

/** An event type's label, or the type itself for one this version does not know. */
const eventLabel = (type: string, t: T): string => {
  const key = `audit.type.${type}`;
  return Object.hasOwn(adminReportEn, key) ? t(key as ReportKey) : type;
};

/** An audit line's details as `key=value` pairs, as the CSV has them. */
const details = (entry: AuditEntry): string =>
  Object.entries(entry.detail)
    .map(([key, value]) => `${key}=${value ?? ""}`)
    .join("; ");

const sum = (days: UsageDay[], count: (day: UsageDay) => number) =>
  days.reduce((total, day) => total + count(day), 0);

const typedValue = (event: Event) => (event.target as HTMLInputElement).value;

/**
 * An administrator's report on self-service password reset: how many users registered and
 * with which methods, each day's completed resets and unlocks by method with the period's
 * totals (charts drawn as SVG from the figures, each with a data table), and the audit log
 * with filters, paging and a CSV export of every line that matches. Days and times are UTC.
 *
 * @summary Registration and usage figures and the audit log, for administrators.
 * @event sspr-step-change - The report moved to another step (`event.step`: loading, report, failed, network-error).
 * @event sspr-error - The engine reported a problem (`event.problem`), or the server could not be reached (`null`).
 * @csspart step - The container of the current step.
 * @csspart error - A problem the engine reported.
 * @csspart hint - Explanatory text.
 * @csspart coverage - The meter of registered users.
 * @csspart chart - Each chart (an SVG).
 * @csspart legend - The usage chart's legend.
 * @csspart table - Each data table.
 * @csspart totals - The period's totals.
 * @csspart audit - The audit log's table.
 * @csspart status - What the last CSV export wrote.
 * @cssproperty --sspr-accent - Buttons, focus rings, and the default of `--sspr-chart-bar`.
 * @cssproperty --sspr-fg - Text colour.
 * @cssproperty --sspr-bg - Background colour.
 * @cssproperty --sspr-muted - Hints and chart axes.
 * @cssproperty --sspr-border - Field, table and chart-track borders, and the default of `--sspr-chart-grid`.
 * @cssproperty --sspr-danger - Problems.
 * @cssproperty --sspr-ok - The export status.
 * @cssproperty --sspr-radius - Corner radius.
 * @cssproperty --sspr-space - Space between parts.
 * @cssproperty --sspr-chart-bar - Bars of the registration chart and the coverage meter.
 * @cssproperty --sspr-chart-grid - Value lines of the usage chart.
 * @cssproperty --sspr-chart-email - Resets verified by an email code.
 * @cssproperty --sspr-chart-sms - Resets verified by a text message code.
 * @cssproperty --sspr-chart-voice - Resets verified by a voice call code.
 * @cssproperty --sspr-chart-app - Resets verified by an authenticator app.
 * @cssproperty --sspr-chart-questions - Resets verified by security questions.
 */
export class SsprAdminReportElement extends SsprElement<ReportKey> {
  static override styles = [baseStyles, adminReportStyles];

  protected override readonly messages = messages;
  #report = new ReportController(this, () => this.resolveApi());

  protected override get state() {
    const { step, busy, problem } = this.#report;
    return { step, busy, problem: problem?.problem ?? null };
  }

  protected override renderStep(t: T): TemplateResult {
    const report = this.#report;
    switch (report.step) {
      case "loading":
        return html`${this.heading(t("report.loading.heading"))}<progress aria-label=${t("common.busy")}></progress>`;
      case "failed":
        return html`${this.heading(t("report.failed.heading"))}
          ${this.problemText(report.problem?.problem ?? null, t, "report-error")}
          <button @click=${() => report.retry()}>${t("common.retry")}</button>`;
      case "network-error":
        return this.networkError(t, () => report.retry());
      default:
        return report.report
          ? html`${this.heading(t("report.heading"))}
              <p part="hint">${t("report.intro")}
                ${t("report.generated", { time: this.#time(report.report.generatedAt) })}</p>
              ${this.#period(t)}
              ${this.#registration(report.report.registration, t)}
              ${this.#usage(report.report.days, t)}
              ${this.#audit(t)}`
          : this.heading("");
    }
  }

  #number(value: number): string {
    return new Intl.NumberFormat(this.language).format(value);
  }

  #time(instant: string): string {
    return new Intl.DateTimeFormat(this.language, {
      dateStyle: "medium",
      timeStyle: "medium",
      timeZone: "UTC",
    }).format(new Date(instant));
  }

  #day(day: string, style: "short" | "medium" = "medium"): string {
    return new Intl.DateTimeFormat(
      this.language,
      style === "short"
        ? { day: "numeric", month: "short", timeZone: "UTC" }
        : { dateStyle: "medium", timeZone: "UTC" },
    ).format(new Date(`${day}T00:00:00Z`));
  }

  #period(t: T): TemplateResult {
    const report = this.#report;
    const { from, to } = report.period;
    const set = (period: Period) => report.setPeriod(period);
    const problem = report.problem?.place === "report" ? report.problem.problem : null;
    const invalid = problem?.code === "invalid-request";
    return html`<fieldset class="period" aria-describedby=${problem ? "period-error" : nothing}>
      <legend>${t("report.period")}</legend>
      <label>${t("report.period.from")}
        <input type="date" name="from" .value=${live(from)} max=${to} required
          aria-invalid=${invalid ? "true" : "false"}
          @change=${(e: Event) => set({ from: typedValue(e), to })} />
      </label>
      <label>${t("report.period.to")}
        <input type="date" name="to" .value=${live(to)} min=${from} required
          aria-invalid=${invalid ? "true" : "false"}
          @change=${(e: Event) => set({ from, to: typedValue(e) })} />
      </label>
      <div class="presets" role="group" aria-label=${t("report.period.presets")}>
        ${presets.map((days) => {
          const preset = lastDays(days);
          const pressed = preset.from === from && preset.to === to;
          return html`<button type="button" data-variant="quiet" aria-pressed=${pressed ? "true" : "false"}
            @click=${() => set(lastDays(days))}>${t("report.period.last", { days })}</button>`;
        })}
      </div>
      ${this.problemText(problem, t, "period-error", { "invalid-request": "report.period.invalid" })}
    </fieldset>`;
  }

  #registration(registration: UsageReport["registration"], t: T): TemplateResult {
    const { users, registered, byKind } = registration;
    const percent = new Intl.NumberFormat(this.language, { style: "percent" }).format(
      users > 0 ? registered / users : 0,
    );
    const bars = kinds.map((kind) => ({
      key: kind,
      label: t(`report.kind.${kind}`),
      value: byKind[kind],
    }));
    const list = bars.map((bar) => `${bar.label} ${this.#number(bar.value)}`).join(", ");
    return html`<section aria-labelledby="registration-heading">
      <h3 id="registration-heading">${t("report.registration.heading")}</h3>
      <p id="coverage-text">${t("report.registration.coverage", {
        registered: this.#number(registered),
        users: this.#number(users),
        percent,
      })}</p>
      <meter part="coverage" min="0" max=${Math.max(users, 1)} value=${registered}
        aria-label=${t("report.registration.meter")} aria-describedby="coverage-text"></meter>
      <h4>${t("report.registration.kinds")}</h4>
      ${horizontalBarChart({
        id: "registration-chart",
        label: t("report.registration.kinds.summary", { users: this.#number(users), list }),
        bars,
        max: users,
        format: (value) => this.#number(value),
      })}
      <details>
        <summary>${t("report.table.show")}</summary>
        <table part="table" id="kinds-table">
          <caption>${t("report.registration.kinds")}</caption>
          <thead><tr>
            <th scope="col">${t("report.column.kind")}</th>
            <th scope="col">${t("report.column.users")}</th>
          </tr></thead>
          <tbody>${bars.map(
            (bar) =>
              html`<tr><th scope="row">${bar.label}</th><td>${this.#number(bar.value)}</td></tr>`,
          )}</tbody>
        </table>
      </details>
    </section>`;
  }

  #usage(days: UsageDay[], t: T): TemplateResult {
    const first = days[0]?.day ?? this.#report.period.from;
    const last = days.at(-1)?.day ?? this.#report.period.to;
    const perDay = days.map((day) => usageMethods.reduce((n, m) => n + day.byMethod[m], 0));
    const count = perDay.reduce((a, b) => a + b, 0);
    const most = Math.max(0, ...perDay);
    const busiest = days[perDay.indexOf(most)]?.day ?? first;
    const range = { from: this.#day(first), to: this.#day(last) };
    const label =
      count > 0
        ? t("report.usage.summary", {
            ...range,
            count: this.#number(count),
            busiest: this.#day(busiest),
            most: this.#number(most),
          })
        : t("report.usage.none", range);
    return html`<section aria-labelledby="usage-heading">
      <h3 id="usage-heading">${t("report.usage.heading")}</h3>
      <dl part="totals">
        ${totals.map(
          (total) => html`<div>
            <dt>${t(`report.total.${total}`)}</dt>
            <dd data-total=${total}>${this.#number(sum(days, (day) => day[total]))}</dd>
          </div>`,
        )}
      </dl>
      <h4>${t("report.usage.chart")}</h4>
      ${stackedBarChart({
        id: "usage-chart",
        label,
        series: usageMethods,
        seriesLabel: (method) => t(`report.method.${method}`),
        columns: days.map((day) => ({
          key: day.day,
          title: this.#day(day.day),
          values: day.byMethod,
        })),
        axis: { first: this.#day(first, "short"), last: this.#day(last, "short") },
        format: (value) => this.#number(value),
      })}
      <ul part="legend">
        ${usageMethods.map(
          (method) =>
            html`<li><span class="swatch series-${method}"></span>${t(`report.method.${method}`)}</li>`,
        )}
      </ul>
      <details>
        <summary>${t("report.table.show")}</summary>
        <div class="scroll" role="region" tabindex="0" aria-labelledby="usage-caption">
          <table part="table" id="usage-table">
            <caption id="usage-caption">${t("report.usage.table")}</caption>
            <thead><tr>
              <th scope="col">${t("report.column.day")}</th>
              ${usageMethods.map((method) => html`<th scope="col">${t(`report.method.${method}`)}</th>`)}
              ${totals.map((total) => html`<th scope="col">${t(`report.total.${total}`)}</th>`)}
            </tr></thead>
            <tbody>${days.map(
              (day) => html`<tr data-day=${day.day}>
                <th scope="row"><time datetime=${day.day}>${this.#day(day.day)}</time></th>
                ${usageMethods.map((method) => html`<td>${this.#number(day.byMethod[method])}</td>`)}
                ${totals.map((total) => html`<td>${this.#number(day[total])}</td>`)}
              </tr>`,
            )}</tbody>
          </table>
        </div>
      </details>
    </section>`;
  }

  #audit(t: T): TemplateResult {
    const report = this.#report;
    const { filters, page, loading } = report;
    const offset = page?.offset ?? 0;
    const entries = page?.entries ?? [];
    const apply = (value: (name: string) => string) =>
      report.applyFilters({
        actor: value("actor"),
        subject: value("subject"),
        type: value("type"),
        from: value("filter-from"),
        to: value("filter-to"),
      } satisfies AuditFilters);
    const problem = report.problem;
    return html`<section aria-labelledby="audit-heading" aria-busy=${loading.audit ? "true" : "false"}>
      <h3 id="audit-heading">${t("audit.heading")}</h3>
      <form class="filters" @submit=${onSubmit(apply)} novalidate>
        <fieldset>
          <legend>${t("audit.filters")}</legend>
          <label>${t("audit.actor")}
            <input name="actor" autocomplete="off" maxlength="256" .value=${live(filters.actor)} />
          </label>
          <label>${t("audit.subject")}
            <input name="subject" autocomplete="off" maxlength="256" .value=${live(filters.subject)} />
          </label>
          <label>${t("audit.type")}
            <select name="type" .value=${live(filters.type)}>
              <option value="">${t("audit.type.all")}</option>
              ${eventGroups.map(
                ({ group, prefix, types }) => html`<optgroup label=${t(`audit.group.${group}`)}>
                  ${prefix ? html`<option value=${prefix}>${t(`audit.type.${prefix}`)}</option>` : nothing}
                  ${types.map((type) => html`<option value=${type}>${t(`audit.type.${type}`)}</option>`)}
                </optgroup>`,
              )}
            </select>
          </label>
          <label>${t("audit.from")}
            <input type="date" name="filter-from" .value=${live(filters.from)} />
          </label>
          <label>${t("audit.to")}
            <input type="date" name="filter-to" .value=${live(filters.to)} />
          </label>
          <div class="actions">
            <button>${t("audit.apply")}</button>
            <button type="button" data-variant="quiet" @click=${() => report.applyFilters(noFilters)}>
              ${t("audit.clear")}</button>
          </div>
        </fieldset>
      </form>
      ${
        problem?.place === "audit"
          ? this.problemText(problem.problem, t, "audit-error", {
              "invalid-request": "audit.invalid",
            })
          : nothing
      }
      ${
        entries.length === 0
          ? html`<p part="hint">${t("audit.empty")}</p>`
          : html`<div class="scroll" role="region" tabindex="0" aria-labelledby="audit-caption">
              <table part="audit">
                <caption id="audit-caption">${t("audit.caption")}</caption>
                <thead><tr>
                  ${(["time", "event", "actor", "subject", "outcome", "detail"] as const).map(
                    (column) => html`<th scope="col">${t(`audit.column.${column}`)}</th>`,
                  )}
                </tr></thead>
                <tbody>${entries.map(
                  (entry) => html`<tr data-id=${entry.id} data-type=${entry.type}>
                    <th scope="row"><time datetime=${entry.at}>${this.#time(entry.at)}</time></th>
                    <td>${eventLabel(entry.type, t)}</td>
                    <td>${entry.actor ?? t("audit.anonymous")}</td>
                    <td>${entry.subject ?? ""}</td>
                    <td data-outcome=${entry.outcome}>${t(`audit.outcome.${entry.outcome}`)}</td>
                    <td class="detail">${details(entry)}</td>
                  </tr>`,
                )}</tbody>
              </table>
            </div>`
      }
      <nav class="actions" aria-label=${t("audit.paging")}>
        <button type="button" data-variant="quiet" ?disabled=${offset === 0 || loading.audit}
          @click=${() => report.turnPage("newer")}>${t("audit.newer")}</button>
        <span part="hint">${
          entries.length > 0
            ? t("audit.range", {
                first: this.#number(offset + 1),
                last: this.#number(offset + entries.length),
              })
            : ""
        }</span>
        <button type="button" data-variant="quiet" ?disabled=${!page?.more || loading.audit}
          @click=${() => report.turnPage("older")}>${t("audit.older")}</button>
      </nav>
      <div class="actions">
        <button type="button" ?disabled=${loading.export} @click=${() => report.exportCsv()}>
          ${loading.export ? t("audit.exporting") : t("audit.export")}</button>
      </div>
      ${
        problem?.place === "export" ? this.problemText(problem.problem, t, "export-error") : nothing
      }
      <p part="status" role="status">${
        report.exported
          ? t("audit.exported", {
              count: this.#number(report.exported.count),
              file: report.exported.file,
            })
          : ""
      }</p>
    </section>`;
  }
}
