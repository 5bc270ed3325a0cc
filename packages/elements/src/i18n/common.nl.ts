import type { commonEn } from "./common.en.js";

/** Nederlands: de teksten die elk sspr-element gebruikt. */
export const commonNl: Record<keyof typeof commonEn, string> = {
  "common.network.heading": "We konden de server niet bereiken",
  "common.network.text": "Controleer uw verbinding en probeer het opnieuw.",
  "common.retry": "Opnieuw proberen",
  "common.back": "Terug",
  "problem.invalid-request": "Controleer wat u hebt getypt.",
  "problem.code-invalid": "Die code klopt niet. Nog {attemptsLeft} pogingen.",
  "problem.code-expired": "Die code is verlopen. Vraag een nieuwe aan.",
  "problem.password-rejected": "Dat wachtwoord voldoet niet aan de regels.",
  "problem.bot-check-failed": "De controle is mislukt. Probeer het opnieuw.",
  "problem.other": "Er ging iets mis. Probeer het opnieuw.",
  "common.busy": "Bezig…",
  "common.cancel": "Annuleren",
  "problem.conflict":
    "Iemand anders heeft dit intussen gewijzigd. Laad opnieuw en probeer het nog eens.",
  "problem.method-not-allowed": "Uw organisatie staat die methode niet toe.",
  "problem.forbidden": "U mag dit niet doen.",
  "problem.unauthenticated": "Uw sessie is verlopen. Meld u opnieuw aan.",
  "problem.throttled": "Te veel pogingen. Probeer het later opnieuw.",
};
