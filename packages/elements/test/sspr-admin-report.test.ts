import { expect } from "@esm-bundle/chai";
import { type SsprApi, solveBotChallenge } from "@sspr/core";
import { createLocalApi } from "@sspr/engine";
import type { SsprAdminReportElement } from "../src/components/admin-report/sspr-admin-report.component.js";
import "../src/components/admin-report/sspr-admin-report.js";
import { axeViolations } from "./accessibility.js";
import { pageEngine } from "./browser-engine.js";
import {
  button,
  fill,
  flakyConnection,
  problemShown,
  retryAfterReconnect,
  until,
  untilHeading,
} from "./steps.js";

type Engine = Awaited<ReturnType<typeof pageEngine>>;

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function mounted(api: SsprApi, locale?: string) {
  const element = document.createElement("sspr-admin-report");
  element.api = api;
  if (locale) element.setAttribute("locale", locale);
  document.body.append(element);
  return element;
}

const all = <E extends Element = HTMLElement>(
  element: SsprAdminReportElement,
  selector: string,
) => [...(element.shadowRoot?.querySelectorAll<E>(selector) ?? [])];
const one = <E extends Element = HTMLElement>(
  element: SsprAdminReportElement,
  selector: string,
) => {
  const found = element.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
};
const text = (node: Element | null | undefined) =>
  node?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const total = (element: SsprAdminReportElement, name: string) =>
  text(one(element, `[part="totals"] dd[data-total="${name}"]`));
/** The usage table's rows, each as its cells' texts. */
const usageRows = (element: SsprAdminReportElement) =>
  all(element, "#usage-table tbody tr").map((row) => ({
    day: row.dataset.day,
    cells: [...row.children].map((cell) => text(cell)),
  }));
/** The audit table's rows. */
const auditRows = (element: SsprAdminReportElement) =>
  all(element, '[part="audit"] tbody tr').map((row) => ({
    type: row.dataset.type ?? "",
    cells: [...row.children].map((cell) => text(cell)),
  }));

/** Anna resets her password herself: one wrong code, then the right one, over HTTP. */
async function annaResets({ api, codeSentTo }: Engine) {
  const flow = await api.startReset({
    identifier: "anna@contoso.com",
    botProof: await solveBotChallenge(await api.getBotChallenge()),
  });
  const flowId = flow.flowId;
  await api.chooseMethod({
    flowId,
    methodId: flow.methods[0]?.id ?? "",
    contact: "anna@example.org",
  });
  await api.verifyCode({ flowId, code: "00000000" }).catch(() => undefined);
  await api.verifyCode({ flowId, code: await codeSentTo("anna@example.org") });
  await api.completeReset({ flowId, newPassword: "sunlit harbour lanterns seven" });
}

/** Applies the audit filters as typed. */
async function filterAudit(element: SsprAdminReportElement, values: Record<string, string>) {
  const form = one<HTMLFormElement>(element, "form.filters");
  for (const name of ["actor", "subject", "type", "from", "to"])
    fill(element, name === "from" || name === "to" ? `filter-${name}` : name, values[name] ?? "");
  form.requestSubmit();
  await element.updateComplete;
  await until(
    () => one(element, "section[aria-labelledby=audit-heading]").ariaBusy === "false",
    "the audit page",
  );
}

describe("<sspr-admin-report>", () => {
  it("shows coverage, each day's use as charts with tables and totals, and reloads for another period", async () => {
    const engine = await pageEngine();
    const admin = engine.apiFor("admin");
    await admin.resetUserPassword({ userId: "ben", mode: "temporary" });
    await annaResets(engine);
    const today = dayOf(Date.now());
    const element = await mounted(admin);
    await untilHeading(element, /Password reset report/);

    // Anna has an email address (one method required); Ben nothing; the administrator needs two.
    expect(text(one(element, "#coverage-text"))).to.equal("1 of 3 users registered (33%)");
    const meter = one<HTMLMeterElement>(element, "meter");
    expect([meter.value, meter.max]).to.deep.equal([1, 3]);
    const kinds = all<SVGRectElement>(element, "#registration-chart rect.bar");
    expect(kinds.map((bar) => bar.dataset.key)).to.deep.equal([
      "email",
      "phone",
      "app",
      "questions",
    ]);
    const width = (bar: SVGRectElement | undefined) => Number(bar?.getAttribute("width"));
    const track = Number(one(element, "#registration-chart rect.track").getAttribute("width"));
    expect(width(kinds[0])).to.be.closeTo(track / 3, 0.01);
    expect(kinds.slice(1).map(width)).to.deep.equal([0, 0, 0]);
    expect(one(element, "#registration-chart").getAttribute("aria-label")).to.equal(
      "Users by registered method, of 3 users: Email 1, Phone 0, Authenticator app 0, Security questions 0.",
    );
    expect(
      all(element, "#kinds-table tbody tr").map((row) => [...row.children].map(text)),
    ).to.deep.equal([
      ["Email", "1"],
      ["Phone", "0"],
      ["Authenticator app", "0"],
      ["Security questions", "0"],
    ]);

    expect(total(element, "resets")).to.equal("1");
    expect(total(element, "unlocks")).to.equal("0");
    expect(total(element, "failedVerifications")).to.equal("1");
    expect(total(element, "throttled")).to.equal("0");
    expect(total(element, "adminResets")).to.equal("1");

    // The last 30 days: one column each, one segment for today's email reset.
    const rows = usageRows(element);
    expect(rows).to.have.length(30);
    expect(rows[0]?.day).to.equal(dayOf(Date.now() - 29 * DAY));
    expect(rows.at(-1)?.day).to.equal(today);
    // Day, email, text message, voice, app, questions, resets, unlocks, failed, throttled, admin.
    expect(rows.at(-1)?.cells.slice(1)).to.deep.equal([
      "1",
      "0",
      "0",
      "0",
      "0",
      "1",
      "0",
      "1",
      "0",
      "1",
    ]);
    const chart = one(element, "#usage-chart");
    expect(chart.getAttribute("role")).to.equal("img");
    expect(chart.getAttribute("aria-label")).to.match(/: 1 in all, most on .+ \(1\)\.$/);
    const segments = all<SVGRectElement>(element, "#usage-chart rect[data-series]");
    expect(segments.map((s) => [s.dataset.column, s.dataset.series])).to.deep.equal([
      [today, "email"],
    ]);
    // The only column is as tall as the value axis.
    const grid = all(element, "#usage-chart line.grid").map((line) =>
      Number(line.getAttribute("y1")),
    );
    expect(Number(segments[0]?.getAttribute("height"))).to.be.closeTo(
      Math.max(...grid) - Math.min(...grid),
      0.01,
    );
    expect(segments[0]?.querySelector("title")?.textContent).to.contain("Email code: 1");
    expect(all(element, '[part="legend"] li').map(text)).to.deep.equal([
      "Email code",
      "Text message code",
      "Voice call code",
      "Authenticator app",
      "Security questions",
    ]);

    // The tables under the charts, open; the colours themed, and set by the page.
    for (const details of all<HTMLDetailsElement>(element, "details")) details.open = true;
    expect(await axeViolations(element)).to.deep.equal([]);
    const colour = () => getComputedStyle(segments[0] as Element).fill;
    element.theme = "light";
    await element.updateComplete;
    expect(colour()).to.equal("rgb(11, 87, 208)");
    element.theme = "dark";
    await element.updateComplete;
    expect(colour()).to.equal("rgb(138, 180, 248)");
    expect(await axeViolations(element)).to.deep.equal([]);
    document.body.style.setProperty("--sspr-chart-email", "rgb(1, 2, 3)");
    expect(colour()).to.equal("rgb(1, 2, 3)");
    document.body.style.removeProperty("--sspr-chart-email");
    element.theme = null;

    // Another period: a preset, then a day typed; each reloads, with what happened meanwhile.
    button(element, /Last 7 days/).click();
    await until(() => usageRows(element).length === 7, "seven days");
    expect(button(element, /Last 7 days/).getAttribute("aria-pressed")).to.equal("true");
    expect(button(element, /Last 30 days/).getAttribute("aria-pressed")).to.equal("false");
    await admin.resetUserPassword({ userId: "ben", mode: "temporary" });
    await admin.resetUserPassword({ userId: "anna", mode: "temporary" });
    fill(element, "from", today);
    await until(() => usageRows(element).length === 1, "one day");
    expect(total(element, "adminResets")).to.equal("3");
    expect(all(element, "#usage-chart rect[data-series]")).to.have.length(1);
    expect(await axeViolations(element)).to.deep.equal([]);

    // Two columns: today's is the tallest, yesterday's has nothing.
    fill(element, "from", dayOf(Date.now() - DAY));
    await until(() => usageRows(element).length === 2, "two days");
    expect(one(element, "#usage-chart").getAttribute("aria-label")).to.match(/1 in all/);

    // A start after the end: the engine refuses, the figures stay.
    fill(element, "from", dayOf(Date.now() + 2 * DAY));
    expect(await problemShown(element)).to.equal(
      "Choose a start no later than the end, at most a year apart.",
    );
    expect(one(element, '[name="from"]').getAttribute("aria-invalid")).to.equal("true");
    expect(usageRows(element)).to.have.length(2);
    expect(await axeViolations(element)).to.deep.equal([]);
    button(element, /Last 90 days/).click();
    await until(() => usageRows(element).length === 90, "ninety days");
    expect(all(element, '[part="error"]')).to.have.length(0);
    element.remove();
  });

  it("filters the audit log, pages it, and exports every matching line as CSV", async () => {
    const engine = await pageEngine();
    const admin = engine.apiFor("admin");
    await admin.resetUserPassword({ userId: "ben", mode: "temporary" });
    // Enough lines for three pages on screen and two calls of the export.
    const local = createLocalApi(engine.service, { userId: "admin" });
    for (let i = 0; i < 1_050; i++)
      await local.setPasswordNeverExpires({ userId: "ben", neverExpires: i % 2 === 0 });
    const element = await mounted(admin);
    await untilHeading(element, /Password reset report/);

    // Newest first, 50 a page.
    let rows = auditRows(element);
    expect(rows).to.have.length(50);
    expect(rows[0]?.cells.slice(1, 5)).to.deep.equal([
      "Password expiry changed",
      "admin",
      "ben",
      "Succeeded",
    ]);
    expect(rows[0]?.cells[5]).to.equal("neverExpires=false");
    const time = one(element, '[part="audit"] tbody time');
    expect(Date.now() - Date.parse(time.getAttribute("datetime") ?? "")).to.be.within(0, 60_000);
    expect(text(time)).to.contain(String(new Date().getUTCFullYear()));
    expect(text(one(element, "nav"))).to.contain("Entries 1 to 50");
    expect(button(element, /Newer/).disabled).to.equal(true);
    button(element, /Older/).click();
    await until(
      () => text(one(element, "nav")).includes("Entries 51 to 100"),
      `the second page, ${text(one(element, "nav"))}`,
    );
    expect(button(element, /Newer/).disabled).to.equal(false);
    expect(await axeViolations(element)).to.deep.equal([]);

    // Filters start from the newest line again.
    await filterAudit(element, { actor: "admin", type: "admin.password-reset" });
    rows = auditRows(element);
    expect(rows.map((r) => r.cells.slice(1))).to.deep.equal([
      [
        "Password reset by an administrator",
        "admin",
        "ben",
        "Succeeded",
        "mode=temporary; emailed=false; bulk=false",
      ],
    ]);
    expect(button(element, /Older/).disabled).to.equal(true);
    expect(button(element, /Newer/).disabled).to.equal(true);

    await filterAudit(element, { subject: "anna" });
    rows = auditRows(element);
    expect(rows.map((r) => r.type)).to.deep.equal(["registration.method-added"]);
    expect(rows[0]?.cells[2]).to.equal("anna");

    // A prefix: every administrator action, more than a page of them.
    await filterAudit(element, { type: "admin." });
    rows = auditRows(element);
    expect(rows).to.have.length(50);
    expect(rows.every((r) => r.type.startsWith("admin."))).to.equal(true);
    expect(button(element, /Older/).disabled).to.equal(false);

    // The export: every matching line (more than one call brings), through a real download link.
    const clicked: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      button(element, /Export CSV/).click();
      await until(() => clicked.length === 1, "the download");
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const link = clicked[0];
    expect(link?.download).to.match(/^sspr-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(link?.href).to.match(/^blob:/);
    const csv = await (await fetch(link?.href ?? "")).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).to.equal("time,event,actor,subject,outcome,detail");
    expect(lines).to.have.length(1 + 1_051);
    expect(lines.slice(1).every((line) => /^[^,]+,admin\./.test(line))).to.equal(true);
    expect(lines.at(-1)).to.match(
      /^\d{4}-\d{2}-\d{2}T[\d:.]+Z,admin\.password-reset,admin,ben,success,mode=temporary; emailed=false; bulk=false$/,
    );
    expect(lines[1]).to.match(/,admin\.never-expires,admin,ben,success,neverExpires=false$/);
    await until(() => text(one(element, '[part="status"]')) !== "", "the export's status");
    expect(text(one(element, '[part="status"]'))).to.equal(
      `Exported 1,051 entries to ${link?.download}.`,
    );
    expect(await axeViolations(element)).to.deep.equal([]);

    // Nothing after tomorrow; clearing shows everything again.
    await filterAudit(element, { from: dayOf(Date.now() + DAY) });
    expect(auditRows(element)).to.have.length(0);
    expect(text(one(element, "section[aria-labelledby=audit-heading]"))).to.contain(
      "No entries match the filters.",
    );
    button(element, /Clear filters/).click();
    await until(() => auditRows(element).length === 50, "the unfiltered log");
    expect(one<HTMLInputElement>(element, '[name="filter-from"]').value).to.equal("");
    element.remove();
  });

  it("tells a user who is not an administrator, and speaks Dutch", async () => {
    const engine = await pageEngine();
    await engine.apiFor("admin").resetUserPassword({ userId: "ben", mode: "temporary" });
    const element = await mounted(engine.apiFor("anna"));
    await untilHeading(element, /The report cannot be shown/);
    expect(await problemShown(element)).to.equal("You are not allowed to do this.");
    element.remove();

    const dutch = await mounted(engine.apiFor("admin"), "nl");
    await untilHeading(dutch, /Rapport wachtwoordherstel/);
    expect(text(one(dutch, "#coverage-text"))).to.equal("1 van 3 gebruikers geregistreerd (33%)");
    expect(button(dutch, /Laatste 7 dagen/)).to.not.equal(undefined);
    expect(one(dutch, "#usage-chart").getAttribute("aria-label")).to.match(
      /^Voltooide herstellingen en ontgrendelingen per methode, .+: geen\.$/,
    );
    const rows = auditRows(dutch);
    const reset = rows.find((r) => r.type === "admin.password-reset");
    expect(reset?.cells.slice(1, 5)).to.deep.equal([
      "Wachtwoord hersteld door een beheerder",
      "admin",
      "ben",
      "Gelukt",
    ]);
    const month = new Intl.DateTimeFormat("nl", { month: "short", timeZone: "UTC" }).format(
      new Date(),
    );
    expect(reset?.cells[0]).to.contain(month);
    expect(text(one(dutch, "caption#audit-caption"))).to.equal("Auditlogboek, nieuwste eerst");
    dutch.remove();
  });

  it("offers a retry when the server cannot be reached", async () => {
    const { apiFor } = await pageEngine();
    const api = apiFor("admin");
    const connection = flakyConnection();
    const element = await mounted({
      ...api,
      getUsageReport: (request) => connection.whileDown(() => api.getUsageReport(request)),
    });
    await retryAfterReconnect(element, connection);
    await untilHeading(element, /Password reset report/);
    expect(text(one(element, "#coverage-text"))).to.equal("1 of 3 users registered (33%)");
    element.remove();
  });
});
