import type { DeliveryChannel, Locale } from "@sspr/core";

/** What the engine tells users, in their language. */
type MessageKind =
  | { kind: "code"; code: string; minutes: number }
  | { kind: "password-changed" }
  | { kind: "method-added"; method: string };

const spaced = (code: string) => code.split("").join(" ");

const catalogue = {
  en: {
    code: (m: { code: string; minutes: number }, channel: DeliveryChannel, app: string) => ({
      subject: `Your ${app} verification code`,
      text:
        channel === "voice"
          ? `Your ${app} verification code is ${spaced(m.code)}. Again: ${spaced(m.code)}.`
          : `Your ${app} verification code is ${m.code}. It expires in ${m.minutes} minutes. If you did not ask for it, ignore this message; nobody can use it without your user ID.`,
    }),
    "password-changed": (app: string) => ({
      subject: "Your password was changed",
      text: `The password of your ${app} account was just reset. If this was not you, contact your helpdesk now.`,
    }),
    "method-added": (method: string, app: string) => ({
      subject: "Security info added to your account",
      text: `A new ${method} was added to the security info of your ${app} account. If this was not you, contact your helpdesk now.`,
    }),
  },
  nl: {
    code: (m: { code: string; minutes: number }, channel: DeliveryChannel, app: string) => ({
      subject: `Uw ${app}-verificatiecode`,
      text:
        channel === "voice"
          ? `Uw ${app}-verificatiecode is ${spaced(m.code)}. Nogmaals: ${spaced(m.code)}.`
          : `Uw ${app}-verificatiecode is ${m.code}. De code verloopt over ${m.minutes} minuten. Hebt u er niet om gevraagd, negeer dan dit bericht; zonder uw gebruikers-id kan niemand de code gebruiken.`,
    }),
    "password-changed": (app: string) => ({
      subject: "Uw wachtwoord is gewijzigd",
      text: `Het wachtwoord van uw ${app}-account is zojuist opnieuw ingesteld. Was u dit niet, neem dan direct contact op met uw helpdesk.`,
    }),
    "method-added": (method: string, app: string) => ({
      subject: "Beveiligingsgegevens toegevoegd aan uw account",
      text: `Er is een nieuw ${method} toegevoegd aan de beveiligingsgegevens van uw ${app}-account. Was u dit niet, neem dan direct contact op met uw helpdesk.`,
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
  }
}
