import type { DeliveryChannel, Locale } from "@sspr/core";

/** What the engine tells users, in their language. */
export type MessageKind =
  | { kind: "code"; code: string; minutes: number }
  | { kind: "password-changed" }
  | { kind: "method-added"; method: string }
  | { kind: "method-removed"; method: string }
  | { kind: "invitation"; link: string; hours: number }
  | { kind: "temporary-password"; password: string }
  | { kind: "reset-by-admin" }
  /** `admin` null: the administrator reset their own password through self-service. */
  | { kind: "admin-reset-notice"; admin: string | null; user: string };

const spaced = (code: string) => code.split("").join(" ");

/** A count with its noun in the right plural form for the language (Intl.PluralRules). */
const units = {
  en: { minute: { one: "minute", other: "minutes" }, hour: { one: "hour", other: "hours" } },
  nl: { minute: { one: "minuut", other: "minuten" }, hour: { one: "uur", other: "uur" } },
} as const;
function count(locale: Locale, n: number, unit: "minute" | "hour"): string {
  const form = new Intl.PluralRules(locale).select(n) === "one" ? "one" : "other";
  return `${n} ${units[locale][unit][form]}`;
}

const catalogue = {
  en: {
    code: (m: { code: string; minutes: number }, channel: DeliveryChannel, app: string) => ({
      subject: `Your ${app} verification code`,
      text:
        channel === "voice"
          ? `Your ${app} verification code is ${spaced(m.code)}. Again: ${spaced(m.code)}.`
          : `Your ${app} verification code is ${m.code}. It expires in ${count("en", m.minutes, "minute")}. If you did not ask for it, ignore this message; nobody can use it without your user ID.`,
    }),
    "password-changed": (app: string) => ({
      subject: "Your password was changed",
      text: `The password of your ${app} account was just reset. If this was not you, contact your helpdesk now.`,
    }),
    "method-added": (method: string, app: string) => ({
      subject: "Security info added to your account",
      text: `A new ${method} was added to the security info of your ${app} account. If this was not you, contact your helpdesk now.`,
    }),
    "method-removed": (method: string, app: string) => ({
      subject: "Security info removed from your account",
      text: `A ${method} was removed from the security info of your ${app} account. If this was not you, contact your helpdesk now.`,
    }),
    invitation: (m: { link: string; hours: number }, app: string) => ({
      subject: `Reset your ${app} password`,
      text: `Your administrator started a password reset for your ${app} account. Choose a new password here within ${count("en", m.hours, "hour")}: ${m.link} The link works once. If you did not expect this, contact your helpdesk.`,
    }),
    "temporary-password": (m: { password: string }, app: string) => ({
      subject: `Your temporary ${app} password`,
      text: `Your administrator reset your ${app} password. Your temporary password is: ${m.password} You will choose a new one when you sign in.`,
    }),
    "reset-by-admin": (app: string) => ({
      subject: "Your password was reset by an administrator",
      text: `An administrator reset the password of your ${app} account. If you did not ask for this, contact your helpdesk now.`,
    }),
    "admin-reset-notice": (m: { admin: string | null; user: string }, app: string) => ({
      subject: `An administrator's ${app} password was reset`,
      text: `${m.admin === null ? `Administrator ${m.user} reset their own password through self-service` : `${m.admin} reset the password of administrator ${m.user}`}. If this was not expected, check it now.`,
    }),
  },
  nl: {
    code: (m: { code: string; minutes: number }, channel: DeliveryChannel, app: string) => ({
      subject: `Uw ${app}-verificatiecode`,
      text:
        channel === "voice"
          ? `Uw ${app}-verificatiecode is ${spaced(m.code)}. Nogmaals: ${spaced(m.code)}.`
          : `Uw ${app}-verificatiecode is ${m.code}. De code verloopt over ${count("nl", m.minutes, "minute")}. Hebt u er niet om gevraagd, negeer dan dit bericht; zonder uw gebruikers-id kan niemand de code gebruiken.`,
    }),
    "password-changed": (app: string) => ({
      subject: "Uw wachtwoord is gewijzigd",
      text: `Het wachtwoord van uw ${app}-account is zojuist opnieuw ingesteld. Was u dit niet, neem dan direct contact op met uw helpdesk.`,
    }),
    "method-added": (method: string, app: string) => ({
      subject: "Beveiligingsgegevens toegevoegd aan uw account",
      text: `Er is een nieuw ${method} toegevoegd aan de beveiligingsgegevens van uw ${app}-account. Was u dit niet, neem dan direct contact op met uw helpdesk.`,
    }),
    "method-removed": (method: string, app: string) => ({
      subject: "Beveiligingsgegevens verwijderd uit uw account",
      text: `Er is een ${method} verwijderd uit de beveiligingsgegevens van uw ${app}-account. Was u dit niet, neem dan direct contact op met uw helpdesk.`,
    }),
    invitation: (m: { link: string; hours: number }, app: string) => ({
      subject: `Herstel uw ${app}-wachtwoord`,
      text: `Uw beheerder is een wachtwoordherstel gestart voor uw ${app}-account. Kies binnen ${count("nl", m.hours, "hour")} hier een nieuw wachtwoord: ${m.link} De link werkt één keer. Verwachtte u dit niet, neem dan contact op met uw helpdesk.`,
    }),
    "temporary-password": (m: { password: string }, app: string) => ({
      subject: `Uw tijdelijke ${app}-wachtwoord`,
      text: `Uw beheerder heeft uw ${app}-wachtwoord opnieuw ingesteld. Uw tijdelijke wachtwoord is: ${m.password} Bij het aanmelden kiest u een nieuw wachtwoord.`,
    }),
    "reset-by-admin": (app: string) => ({
      subject: "Uw wachtwoord is opnieuw ingesteld door een beheerder",
      text: `Een beheerder heeft het wachtwoord van uw ${app}-account opnieuw ingesteld. Hebt u hier niet om gevraagd, neem dan direct contact op met uw helpdesk.`,
    }),
    "admin-reset-notice": (m: { admin: string | null; user: string }, app: string) => ({
      subject: `Het ${app}-wachtwoord van een beheerder is opnieuw ingesteld`,
      text: `${m.admin === null ? `Beheerder ${m.user} heeft het eigen wachtwoord via selfservice opnieuw ingesteld` : `${m.admin} heeft het wachtwoord van beheerder ${m.user} opnieuw ingesteld`}. Was dit niet verwacht, controleer het dan direct.`,
    }),
  },
} as const;

const methodNames: Record<Locale, Record<string, string>> = {
  en: {
    email: "email address",
    phone: "phone number",
    app: "authenticator app",
    questions: "set of security questions",
  },
  nl: {
    email: "e-mailadres",
    phone: "telefoonnummer",
    app: "authenticator-app",
    questions: "set beveiligingsvragen",
  },
};

/** Renders a message for one channel and language. */
export function renderMessage(
  message: MessageKind,
  channel: DeliveryChannel,
  locale: Locale,
  appName: string,
): { subject: string; text: string } {
  const texts = catalogue[locale];
  switch (message.kind) {
    case "code":
      return texts.code(message, channel, appName);
    case "password-changed":
      return texts["password-changed"](appName);
    case "method-added":
      return texts["method-added"](methodNames[locale][message.method] ?? message.method, appName);
    case "method-removed":
      return texts["method-removed"](
        methodNames[locale][message.method] ?? message.method,
        appName,
      );
    case "invitation":
      return texts.invitation(message, appName);
    case "temporary-password":
      return texts["temporary-password"](message, appName);
    case "reset-by-admin":
      return texts["reset-by-admin"](appName);
    case "admin-reset-notice":
      return texts["admin-reset-notice"](message, appName);
  }
}
