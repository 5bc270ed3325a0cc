import type { registerEn } from "./register.en.js";

/** Nederlands: de teksten van `<sspr-register>`. */
export const registerNl: Record<keyof typeof registerEn, string> = {
  "register.loading.heading": "Uw beveiligingsgegevens laden…",
  "register.overview.heading": "Uw beveiligingsgegevens",
  "register.overview.required":
    "Om uw wachtwoord zelf opnieuw in te stellen hebt u {required} geregistreerde methoden nodig; u hebt er {count}.",
  "register.overview.due.register":
    "Voeg een methode toe zodat u uw wachtwoord zelf opnieuw kunt instellen.",
  "register.overview.due.reconfirm": "Controleer of uw beveiligingsgegevens nog kloppen.",
  "register.overview.reconfirm": "Ja, ze kloppen nog",
  "register.overview.none": "Nog niets geregistreerd.",
  "register.overview.methods": "Geregistreerde methoden",
  "register.overview.add": "Een methode toevoegen",
  "register.overview.finish": "Klaar",
  "register.kind.email": "E-mailadres {hint}",
  "register.kind.phone": "Telefoonnummer {hint}",
  "register.kind.app": "Authenticator-app",
  "register.kind.questions": "Beveiligingsvragen",
  "register.remove": "Verwijderen",
  "register.remove.label": "{method} verwijderen",
  "register.add.email": "Een e-mailadres toevoegen",
  "register.add.phone": "Een telefoonnummer toevoegen",
  "register.add.app": "Een authenticator-app toevoegen",
  "register.add.questions": "Beveiligingsvragen instellen",
  "register.change.questions": "Beveiligingsvragen wijzigen",
  "register.contact.heading.email": "Een e-mailadres toevoegen",
  "register.contact.heading.phone": "Een telefoonnummer toevoegen",
  "register.contact.label.email": "E-mailadres",
  "register.contact.label.phone": "Telefoonnummer",
  "register.contact.hint.email":
    "We sturen een code naar dit adres om te controleren dat het van u is.",
  "register.contact.hint.phone":
    "Met landcode, zoals +31 6 12345678. We sturen een code om te controleren dat het van u is.",
  "register.contact.submit": "Code versturen",
  "register.verify.heading": "Voer de code in",
  "register.verify.hint":
    "We hebben een code gestuurd naar {hint}. Het wordt opgeslagen zodra u de code invoert.",
  "register.code.label": "Code",
  "register.code.submit": "Verifiëren",
  "register.code.resend": "Nieuwe code sturen",
  "register.code.resendIn": "Nieuwe code sturen over {seconds} s",
  "register.app.heading": "Een authenticator-app toevoegen",
  "register.app.scan": "Scan deze QR-code met uw authenticator-app, of typ de sleutel hieronder.",
  "register.app.qr": "QR-code met de sleutel voor uw authenticator-app",
  "register.app.key": "Sleutel",
  "register.app.hint": "Voer daarna de code van 6 cijfers in die de app toont.",
  "register.questions.heading": "Kies uw beveiligingsvragen",
  "register.questions.hint":
    "Kies {count} verschillende vragen. Antwoorden hebben 3 tot 40 tekens; we slaan ze gehasht op en tonen ze nooit meer.",
  "register.questions.question": "Vraag {n}",
  "register.questions.answer": "Antwoord {n}",
  "register.questions.duplicate": "Kies voor elk antwoord een andere vraag.",
  "register.questions.submit": "Antwoorden opslaan",
  "register.complete.heading": "Uw beveiligingsgegevens zijn ingesteld",
  "register.complete.text": "Als u uw wachtwoord vergeet, kunt u het zelf opnieuw instellen.",
};
