/** English texts every sspr element uses: problems, retry, back. The reference for Dutch. */
export const commonEn = {
  "common.network.heading": "We could not reach the server",
  "common.network.text": "Check your connection and try again.",
  "common.retry": "Try again",
  "common.back": "Back",
  "problem.invalid-request": "Check what you typed.",
  "problem.code-invalid": "That code is not right. {attemptsLeft} tries left.",
  "problem.code-expired": "That code has expired. Ask for a new one.",
  "problem.password-rejected": "That password does not meet the rules.",
  "problem.bot-check-failed": "The check failed. Try again.",
  "problem.other": "Something went wrong. Try again.",
  "common.busy": "Working…",
  "common.cancel": "Cancel",
  "problem.conflict": "Someone else changed this meanwhile. Reload and try again.",
  "problem.method-not-allowed": "Your organisation does not allow that method.",
  "problem.forbidden": "You are not allowed to do this.",
  "problem.unauthenticated": "Your session has ended. Sign in again.",
  "problem.throttled": "Too many attempts. Try again later.",
  "common.noApi.heading": "This form is not connected yet",
  "common.noApi.text":
    "The page has not told it where its password service is. Try again in a moment, or ask whoever runs this site.",
  "problem.contact.email":
    "That is not an email address we can use. Type the whole address, like name@example.com.",
  "problem.contact.phone":
    "That is not a phone number we can use. Type it with its country code, like +31 6 12345678.",
  "problem.code-invalid.uncounted": "That code is not right.",
} as const;
