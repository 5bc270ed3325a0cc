import * as z from "zod/mini";

/**
 * Refuses control characters (Unicode `Cc`: the C0 set with NUL, tab and newline, DEL, and the
 * C1 set). No field a person types needs one: PostgreSQL refuses a NUL outright, a newline or
 * escape forges log and CSV lines, and an invisible one makes two identifiers look alike.
 * Format characters (`Cf`: zero-width joiners in emoji, bidirectional marks in names) are text
 * and stay allowed.
 */
const noControlCharacters = z.regex(/^\P{Cc}*$/u, "Control characters are not allowed");

/**
 * A string field of a request: the given checks (a `z.trim()` among them runs first, so a
 * pasted trailing newline is trimmed, not refused), then no control characters. Every request
 * string that is not already held to a narrow pattern is built with it.
 */
export const requestString = (...checks: z.core.$ZodCheck<string>[]) =>
  z.string().check(...checks, noControlCharacters);

/** A flow id or pending-registration id: 128 random bits or more, base64url. */
export const opaqueIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22,64}$/));

/** A one-time code as typed: digits only, 6 to 10 of them. */
export const codeSchema = z.string().check(z.regex(/^\d{6,10}$/));

/** An ISO 8601 instant. */
export const instantSchema = z.iso.datetime();

/** Languages sspr speaks to users in. */
export const localeSchema = z.enum(["en", "nl"]);
/** A language sspr speaks. */
export type Locale = z.infer<typeof localeSchema>;

/** A security question as shown to a user. */
export const questionSchema = z.strictObject({
  id: requestString(z.minLength(1), z.maxLength(64)),
  text: z.string(),
});
/** A security question. */
export type Question = z.infer<typeof questionSchema>;

/** An answer to one security question (Entra: 3 to 40 characters). */
export const answerSchema = z.strictObject({
  questionId: requestString(z.minLength(1), z.maxLength(64)),
  answer: requestString(z.minLength(3), z.maxLength(40)),
});
/** An answer to one security question. */
export type Answer = z.infer<typeof answerSchema>;
