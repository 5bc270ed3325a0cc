import type { AdminResetMode, AdminUser, UserResult } from "@sspr/core";
import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { SsprUsersUpdatedEvent } from "../../events/sspr-events.js";
import { adminUsersEn } from "../../i18n/admin-users.en.js";
import { commonEn } from "../../i18n/common.en.js";
import { joinCatalogues, type Messages, type Translate } from "../../i18n/localize.js";
import { baseStyles } from "../shared/base.styles.js";
import { onSubmit } from "../shared/on-submit.js";
import { type CommonKey, SsprElement } from "../shared/sspr-element.js";
import { AdminUsersController } from "./admin-users.controller.js";
import { adminUsersStyles } from "./sspr-admin-users.styles.js";

type UsersKey = keyof typeof adminUsersEn;
type T = Translate<UsersKey | CommonKey>;

const messages: Messages<UsersKey | CommonKey> = {
  en: { ...commonEn, ...adminUsersEn },
  nl: () =>
    joinCatalogues(
      import("../../i18n/common.nl.js").then((m) => m.commonNl),
      import("../../i18n/admin-users.nl.js").then((m) => m.adminUsersNl),
    ),
};

/** Why a user was skipped or failed, as the administrator reads it. */
const reasons = new Set(["forbidden", "not-found", "invalid-request"]);

const checked = (event: Event) => (event.target as HTMLInputElement).checked;

/**
 * An administrator's list of users: search and page through them with their registration and
 * password state; select one or many and reset them the ways the policy allows (an invitation,
 * a temporary password shown once, or a typed password for one user), require a change at next
 * sign-in, or let a password never expire. Bulk work shows its progress and each user's result.
 *
 * @summary Users, their password state and administrators' resets.
 * @event sspr-step-change - The element moved to another step (`event.step`: loading, list, confirm, working, results, failed, network-error).
 * @event sspr-users-updated - An operation ended (`event.operation`: reset, force-change or never-expires; `event.results`: each user's result, never a temporary password).
 * @event sspr-error - The engine reported a problem (`event.problem`), or the server could not be reached (`null`).
 * @csspart step - The container of the current step.
 * @csspart error - A problem.
 * @csspart hint - Explanatory text: identifiers, dates, what a way of resetting does.
 * @csspart search - The search form.
 * @csspart table - The table of users.
 * @csspart mark - A user's administrator, disabled or locked mark.
 * @csspart actions - The buttons that act on the selection, or on everyone.
 * @csspart paging - Previous, next and which users the page shows.
 * @csspart progress - The progress bar of an operation.
 * @csspart results - The list of each user's result.
 * @csspart password - A temporary password, shown once.
 * @csspart copy - The button that copies a temporary password.
 * @cssproperty --sspr-accent - Buttons and focus rings.
 * @cssproperty --sspr-fg - Text colour.
 * @cssproperty --sspr-bg - Background colour.
 * @cssproperty --sspr-muted - Hints and skipped users.
 * @cssproperty --sspr-border - Field, table and mark borders.
 * @cssproperty --sspr-danger - Problems, failed users, expired passwords.
 * @cssproperty --sspr-ok - Users done.
 * @cssproperty --sspr-radius - Corner radius.
 * @cssproperty --sspr-space - Space between parts.
 */
export class SsprAdminUsersElement extends SsprElement<UsersKey> {
  static override styles = [baseStyles, adminUsersStyles];

  protected override readonly messages = messages;
  #users = new AdminUsersController(
    this,
    () => this.resolveApi(),
    (operation, results) => this.dispatchEvent(new SsprUsersUpdatedEvent(operation, results)),
  );
  // The user whose temporary password was copied last (or failed to be), on the results step.
  #copied: { userId: string; ok: boolean } | null = null;

  protected override get state() {
    const { step, busy, problem } = this.#users;
    // While working, the progress text is a live region: a busy container would silence it.
    return { step, busy: busy && step !== "working", problem };
  }

  protected override enterStep(): Event[] {
    this.#copied = null;
    return [];
  }

  protected override renderStep(t: T): TemplateResult {
    const users = this.#users;
    switch (users.step) {
      case "loading":
        return html`${this.heading(t("users.loading.heading"))}<progress aria-label=${t("common.busy")}></progress>`;
      case "failed":
        return html`${this.heading(t("users.failed.heading"))}
          ${this.problemText(users.problem, t, "users-error")}
          <button @click=${() => users.load()}>${t("common.retry")}</button>`;
      case "network-error":
        return this.networkError(t, () => users.load());
      case "confirm":
        return this.#confirm(t);
      case "working":
        return this.#working(t);
      case "results":
        return this.#results(t);
      default:
        return this.#list(t);
    }
  }

  #list(t: T): TemplateResult {
    const users = this.#users;
    const { selected } = users;
    const onPage = users.users.filter((u) => selected.has(u.id)).length;
    const from = users.total === 0 ? 0 : users.offset + 1;
    const to = users.offset + users.users.length;
    const none = selected.size === 0;
    return html`${this.heading(t("users.heading"))}
      <p part="hint">${t("users.intro")}</p>
      <form part="search" role="search" @submit=${onSubmit((value) => users.find(value("search")))}>
        <label for="search">${t("users.search")}</label>
        <div class="row">
          <input id="search" name="search" type="search" maxlength="200" .value=${users.search}
            aria-describedby="search-hint" />
          <button>${t("users.search.submit")}</button>
        </div>
        <p part="hint" id="search-hint">${t("users.search.hint")}</p>
      </form>
      ${this.problemText(users.problem, t, "users-error")}
      <div part="actions" role="group" aria-label=${t("users.actions.selected")}>
        <span class="count">${t("users.selected", { count: selected.size })}</span>
        <button ?disabled=${none} @click=${() => users.ask("reset", "selected")}>${t("users.action.reset")}</button>
        <button ?disabled=${none} @click=${() => users.ask("force-change", "selected")}>${t("users.action.force")}</button>
      </div>
      ${
        users.users.length === 0
          ? html`<p>${users.search ? t("users.none.search", { search: users.search }) : t("users.none")}</p>`
          : html`<div class="scroll">
            <table part="table">
              <caption>${t("users.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input type="checkbox" name="select-page" aria-label=${t("users.selectAll")}
                      .checked=${live(onPage === users.users.length)}
                      .indeterminate=${onPage > 0 && onPage < users.users.length}
                      @change=${(e: Event) => users.selectPage(checked(e))} />
                    <span class="visually-hidden">${t("users.column.select")}</span>
                  </th>
                  <th scope="col">${t("users.column.user")}</th>
                  <th scope="col">${t("users.column.registered")}</th>
                  <th scope="col">${t("users.column.lastReset")}</th>
                  <th scope="col">${t("users.column.password")}</th>
                  <th scope="col">${t("users.column.neverExpires")}</th>
                </tr>
              </thead>
              <tbody>${users.users.map((user) => this.#row(user, t))}</tbody>
            </table>
          </div>`
      }
      <nav part="paging" aria-label=${t("users.paging")}>
        <button data-variant="quiet" ?disabled=${users.offset === 0 || users.busy}
          @click=${() => users.turn(-1)}>${t("users.paging.previous")}</button>
        <p role="status">${t("users.paging.range", { from, to, total: users.total })}</p>
        <button data-variant="quiet" ?disabled=${to >= users.total || users.busy}
          @click=${() => users.turn(1)}>${t("users.paging.next")}</button>
      </nav>
      <div part="actions" role="group" aria-label=${t("users.actions.all")}>
        <button data-variant="quiet" @click=${() => users.ask("reset", "all")}>${t("users.action.resetAll")}</button>
        <button data-variant="quiet" @click=${() => users.ask("force-change", "all")}>${t("users.action.forceAll")}</button>
      </div>`;
  }

  #row(user: AdminUser, t: T): TemplateResult {
    const users = this.#users;
    const name = user.displayName;
    const kinds = [...new Set(user.registered)].map((kind) => t(`users.method.${kind}`));
    const { password } = user;
    const expiry = password.expiresAt
      ? t(password.state === "expired" ? "users.password.expiredOn" : "users.password.expires", {
          date: this.#date(password.expiresAt),
        })
      : null;
    return html`<tr data-user=${user.id}>
      <td>
        <input type="checkbox" name="select" .value=${user.id} aria-label=${t("users.select", { name })}
          .checked=${live(users.selected.has(user.id))}
          @change=${(e: Event) => users.select(user.id, checked(e))} />
      </td>
      <th scope="row">
        <span class="name">${name}</span>
        <span part="hint">${user.identifiers.join(", ") || user.id}</span>
        ${user.isAdmin ? html`<span part="mark">${t("users.mark.admin")}</span>` : nothing}
        ${user.disabled ? html`<span part="mark">${t("users.mark.disabled")}</span>` : nothing}
        ${user.locked ? html`<span part="mark" data-mark="locked">${t("users.mark.locked")}</span>` : nothing}
      </th>
      <td data-cell="registered">
        ${kinds.length ? this.#join(kinds) : t("users.registered.none")}
        ${user.registrationDue === "none" ? nothing : html`<span part="mark">${t(`users.due.${user.registrationDue}`)}</span>`}
      </td>
      <td data-cell="last-reset">${user.lastResetAt ? this.#date(user.lastResetAt, true) : t("users.lastReset.never")}</td>
      <td data-cell="password" data-state=${password.state}>
        ${t(`users.password.${password.state}`)}
        ${expiry ? html`<span part="hint">${expiry}</span>` : nothing}
      </td>
      <td>
        <input type="checkbox" name="never-expires" .value=${user.id}
          aria-label=${t("users.neverExpires", { name })} ?disabled=${users.saving.has(user.id)}
          .checked=${live(password.neverExpires)}
          @change=${(e: Event) => users.setNeverExpires(user.id, checked(e))} />
      </td>
    </tr>`;
  }

  #confirm(t: T): TemplateResult {
    const users = this.#users;
    const one = users.single;
    const count = users.selected.size;
    const name = one ? users.nameOf(one) : "";
    const amount = users.target === "all" ? "all" : one ? "one" : "many";
    const failed = users.problem?.rules?.filter((rule) => !rule.passed) ?? [];
    const error =
      users.problem?.code === "password-rejected" && failed.length > 0
        ? html`<div part="error" id="users-error" role="alert">
            <p>${t("users.problem.password-rejected")}</p>
            <ul>${failed.map(({ rule }) => html`<li>${t(`users.rule.${rule}`, { min: users.minLength })}</li>`)}</ul>
          </div>`
        : this.problemText(users.problem, t, "users-error", {
            forbidden: "users.problem.forbidden",
            "invalid-request": "users.problem.invalid-request",
          });
    const cancel = html`<button type="button" data-variant="quiet" @click=${() => users.cancel()}>${t("common.cancel")}</button>`;
    const allHint =
      users.target === "all" ? html`<p part="hint">${t("users.all.hint")}</p>` : nothing;
    if (users.operation === "force-change")
      return html`${this.heading(t(`users.force.heading.${amount}`, { name, count }))}
        <p>${t("users.force.text")}</p>${allHint}${error}
        <div class="row">
          <button ?disabled=${users.busy} @click=${() => users.run({ mode: "invitation", sendTo: "", password: "" })}>${t("users.force.confirm")}</button>
          ${cancel}
        </div>`;
    const modes: AdminResetMode[] = ["invitation"];
    if (users.allowed.temporary) modes.push("temporary");
    if (users.allowed.chosen && one) modes.push("chosen");
    const mode = modes.includes(users.mode) ? users.mode : "invitation";
    return html`${this.heading(t(`users.reset.heading.${amount}`, { name, count }))}${allHint}
      <form @submit=${onSubmit((value) => users.run({ mode, sendTo: value("sendTo"), password: value("password") }))} novalidate>
        <fieldset>
          <legend>${t("users.mode")}</legend>
          ${modes.map(
            (m) => html`<label class="inline">
              <input type="radio" name="mode" .value=${m} .checked=${live(m === mode)}
                aria-describedby="mode-${m}-hint" @change=${() => users.choose(m)} />
              ${t(`users.mode.${m}`)}
            </label>
            <p part="hint" id="mode-${m}-hint">${t(`users.mode.${m}.hint`)}</p>`,
          )}
        </fieldset>
        ${
          one && mode !== "chosen"
            ? html`<label>${t("users.sendTo")}
              <input name="sendTo" type="email" autocomplete="off" maxlength="320"
                aria-describedby="sendTo-hint users-error" />
            </label>
            <p part="hint" id="sendTo-hint">${t(mode === "temporary" ? "users.sendTo.hint.temporary" : "users.sendTo.hint.invitation")}</p>`
            : nothing
        }
        ${
          mode === "chosen"
            ? html`<label>${t("users.password")}
              <input name="password" type="password" autocomplete="new-password" required
                aria-describedby="users-error" />
            </label>`
            : nothing
        }
        ${error}
        <div class="row">
          <button ?disabled=${users.busy}>${t(`users.reset.confirm.${amount}`, { count })}</button>
          ${cancel}
        </div>
      </form>`;
  }

  #working(t: T): TemplateResult {
    const { operation, progress } = this.#users;
    const { total, done } = progress;
    return html`${this.heading(t(operation === "reset" ? "users.working.reset" : "users.working.force"))}
      ${
        total === null
          ? html`<progress part="progress" aria-label=${t("users.working.progress")}
              aria-describedby="progress-text"></progress>`
          : html`<progress part="progress" aria-label=${t("users.working.progress")}
              aria-describedby="progress-text" max=${Math.max(total, 1)} value=${done}></progress>`
      }
      <p id="progress-text" role="status">
        ${total === null ? t("users.working.starting") : t("users.working.count", { done, total })}
      </p>`;
  }

  #results(t: T): TemplateResult {
    const users = this.#users;
    const { results } = users;
    const count = (outcome: UserResult["outcome"]) =>
      results.filter((r) => r.outcome === outcome).length;
    const passwords = results.some((r) => r.temporaryPassword);
    return html`${this.heading(t("users.results.heading"))}
      <p>${t("users.results.summary", { done: count("done"), skipped: count("skipped"), failed: count("failed") })}</p>
      ${users.interrupted ? html`<p part="error" role="alert">${t("users.results.interrupted")}</p>` : nothing}
      ${users.interrupted ? this.problemText(users.problem, t, "users-error") : nothing}
      ${passwords ? html`<p part="hint">${t("users.results.passwords")}</p>` : nothing}
      <ul part="results">${results.map((result) => this.#result(result, t))}</ul>
      <div class="row">
        <button @click=${() => users.back()}>${t("users.results.back")}</button>
      </div>`;
  }

  #result(result: UserResult, t: T): TemplateResult {
    const { userId, outcome, reason, temporaryPassword, sentTo } = result;
    const name = this.#users.nameOf(userId);
    let text: TemplateResult | string;
    if (outcome === "skipped")
      text = t(reason === "self" ? "users.result.self" : "users.result.skipped");
    else if (outcome === "failed")
      text = t("users.result.failed", {
        reason: t(
          reason && reasons.has(reason)
            ? (`users.reason.${reason}` as UsersKey)
            : "users.reason.other",
        ),
      });
    else if (this.#users.operation === "force-change") text = t("users.result.force");
    else if (temporaryPassword) text = this.#password(userId, name, temporaryPassword, sentTo, t);
    else if (sentTo) text = t("users.result.invitation", { to: this.#join(sentTo) });
    else text = t("users.result.chosen");
    return html`<li data-user=${userId} data-outcome=${outcome}>
      <span class="name">${name}</span> <span class="outcome">${text}</span>
    </li>`;
  }

  /** A temporary password, shown once, with its copy button. */
  #password(
    userId: string,
    name: string,
    password: string,
    sentTo: string[] | undefined,
    t: T,
  ): TemplateResult {
    const copied = this.#copied?.userId === userId ? this.#copied : null;
    return html`${t("users.result.temporary")}:
      <code part="password">${password}</code>
      <button part="copy" type="button" data-variant="quiet" @click=${() => this.#copy(userId, password)}>
        ${t("users.copy")}<span class="visually-hidden"> ${t("users.copy.what", { name })}</span>
      </button>
      <span role="status" class="copied">${copied ? t(copied.ok ? "users.copied" : "users.copy.failed") : ""}</span>
      ${sentTo ? html`<span part="hint">${t("users.result.emailed", { to: this.#join(sentTo) })}</span>` : nothing}`;
  }

  async #copy(userId: string, password: string): Promise<void> {
    let ok = true;
    try {
      await navigator.clipboard.writeText(password);
    } catch {
      ok = false;
    }
    // Still on the results that showed it.
    if (this.#users.step !== "results") return;
    this.#copied = { userId, ok };
    this.requestUpdate();
  }

  #date(iso: string, time = false): string {
    return new Intl.DateTimeFormat(this.language, {
      dateStyle: "medium",
      ...(time ? { timeStyle: "short" } : {}),
    }).format(new Date(iso));
  }

  #join(items: string[]): string {
    return new Intl.ListFormat(this.language, { type: "conjunction" }).format(items);
  }
}
