import "@sspr/elements";
import "@sspr/elements/admin";
import { createHttpApi, type SsprApi } from "@sspr/core";
import { html, render } from "lit";
import { type Language, type TextKey, texts } from "./texts.js";

interface Session {
  token: string;
  user: { id: string; displayName: string; isAdmin: boolean };
}
interface DemoUser {
  identifier: string;
  displayName: string;
  isAdmin: boolean;
  password: string;
}
interface InboxMessage {
  id: string;
  channel: string;
  to: string;
  subject: string;
  text: string;
}

const state = {
  language: (localStorage.getItem("language") === "nl" ? "nl" : "en") as Language,
  session: JSON.parse(sessionStorage.getItem("session") ?? "null") as Session | null,
  signInError: false,
  registrationDue: false,
  /** The reset element shows its own way back once done. */
  resetDone: false,
  users: [] as DemoUser[],
  inbox: [] as InboxMessage[],
};

const t = (key: TextKey, values: Record<string, string> = {}) =>
  texts[state.language][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");

/** The API as the signed-in user, or anonymous. */
// Messages (codes, notices) go out in the language the engine reads from Accept-Language.
const api = (): SsprApi =>
  createHttpApi({
    endpoint: "/sspr",
    headers: async () => ({
      "accept-language": state.language,
      ...(state.session ? { authorization: `Bearer ${state.session.token}` } : {}),
    }),
  });

const route = () => location.hash.replace(/^#/, "") || "/";
/** An administrator's reset invitation, from the link in its message (`?invitation=…#/forgot`). */
const invitation = new URLSearchParams(location.search).get("invitation") ?? "";

async function signIn(event: SubmitEvent) {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  const response = await fetch("/demo/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier: form.get("identifier"), password: form.get("password") }),
  });
  if (!response.ok) {
    state.signInError = true;
    return show();
  }
  state.session = (await response.json()) as Session;
  state.signInError = false;
  sessionStorage.setItem("session", JSON.stringify(state.session));
  state.registrationDue = (await api().getRegistration()).due !== "none";
  location.hash = state.registrationDue ? "#/security" : "#/home";
  show();
}

function signOut() {
  state.session = null;
  sessionStorage.removeItem("session");
  location.hash = "#/";
  show();
}

function setLanguage(language: Language) {
  state.language = language;
  localStorage.setItem("language", language);
  show();
}

function page() {
  const path = route();
  const session = state.session;
  if (path === "/forgot")
    return html`<h1>${t("forgot")}</h1>
      <sspr-reset return-url="/#/" invitation=${invitation} @sspr-reset-complete=${() => {
        state.resetDone = true;
        show();
      }}></sspr-reset>
      ${state.resetDone ? "" : html`<p><a href="#/">${t("cancel")}</a></p>`}`;
  if (session && path === "/security")
    return html`<h1>${t("securityInfo")}</h1>
      ${state.registrationDue ? html`<p>${t("registerFirst")}</p>` : ""}
      <sspr-register @sspr-registration-complete=${() => {
        state.registrationDue = false;
      }}></sspr-register>`;
  if (session?.user.isAdmin && path === "/admin")
    return html`<h1>${t("administration")}</h1><sspr-admin-policy></sspr-admin-policy>`;
  if (session?.user.isAdmin && path === "/admin/users")
    return html`<h1>${t("administration")}</h1><sspr-admin-users></sspr-admin-users>`;
  if (session?.user.isAdmin && path === "/admin/report")
    return html`<h1>${t("administration")}</h1><sspr-admin-report></sspr-admin-report>`;
  if (session)
    return html`<h1>${t("welcome", { name: session.user.displayName })}</h1><p>${t("home")}</p>`;
  return html`<h1>${t("signIn")}</h1>
    <form class="sign-in" @submit=${signIn}>
      <label>${t("userName")}<input name="identifier" autocomplete="username" required /></label>
      <label>${t("password")}<input name="password" type="password" autocomplete="current-password" required /></label>
      ${state.signInError ? html`<p class="error" role="alert">${t("wrongPassword")}</p>` : ""}
      <button>${t("signIn")}</button>
      <a href="#/forgot">${t("forgot")}</a>
    </form>
    <section aria-labelledby="accounts">
      <h2 id="accounts">${t("accounts")}</h2>
      <p>${t("accountsHint")}</p>
      <table>
        <thead><tr><th>${t("userName")}</th><th>${t("password")}</th><th>${t("role")}</th></tr></thead>
        <tbody>${state.users.map(
          (u) =>
            html`<tr><td>${u.identifier}</td><td><code>${u.password}</code></td><td>${u.isAdmin ? t("admin") : t("user")}</td></tr>`,
        )}</tbody>
      </table>
    </section>`;
}

function show() {
  document.documentElement.lang = state.language;
  document.title = t("title");
  const provider = html`<sspr-provider .api=${api()} locale=${state.language}>${page()}</sspr-provider>`;
  render(
    html`<header>
        <a class="brand" href="#/">${t("title")}</a>
        <label>${t("language")}
          <select @change=${(e: Event) => setLanguage((e.target as HTMLSelectElement).value === "nl" ? "nl" : "en")}>
            <option value="en" ?selected=${state.language === "en"}>English</option>
            <option value="nl" ?selected=${state.language === "nl"}>Nederlands</option>
          </select>
        </label>
        ${
          state.session
            ? html`<nav aria-label=${t("menu")}>
                <a href="#/home">${t("homeLink")}</a>
                <a href="#/security">${t("securityInfo")}</a>
                ${
                  state.session.user.isAdmin
                    ? html`<a href="#/admin">${t("policy")}</a>
                        <a href="#/admin/users">${t("users")}</a>
                        <a href="#/admin/report">${t("report")}</a>`
                    : ""
                }
              </nav>
              <button @click=${signOut}>${t("signOut")}</button>`
            : ""
        }
      </header>
      <div class="layout">
        <main>${provider}</main>
        <aside aria-labelledby="inbox">
          <h2 id="inbox">${t("inbox")}</h2>
          <p>${t("inboxHint")}</p>
          ${
            state.inbox.length === 0
              ? html`<p>${t("inboxEmpty")}</p>`
              : html`<ol>${state.inbox.map(
                  (m) =>
                    html`<li data-channel=${m.channel}><strong>${m.channel} → ${m.to}</strong><br />${m.subject ? html`${m.subject}<br />` : ""}${m.text}</li>`,
                )}</ol>`
          }
        </aside>
      </div>`,
    document.getElementById("app") as HTMLElement,
  );
}

async function pollInbox() {
  const messages = (await (await fetch("/demo/inbox")).json()) as InboxMessage[];
  if (messages.length !== state.inbox.length) {
    state.inbox = messages;
    show();
  }
}

window.addEventListener("hashchange", () => {
  state.resetDone = false;
  show();
});
state.users = (await (await fetch("/demo/users")).json()) as DemoUser[];
show();
setInterval(() => void pollInbox(), 1000);
void pollInbox();
