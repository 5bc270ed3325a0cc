import * as z from "zod/mini";

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
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  text: z.string(),
});
/** A security question. */
export type Question = z.infer<typeof questionSchema>;

/** An answer to one security question (Entra: 3 to 40 characters). */
export const answerSchema = z.strictObject({
  questionId: z.string().check(z.minLength(1), z.maxLength(64)),
  answer: z.string().check(z.minLength(3), z.maxLength(40)),
});
/** An answer to one security question. */
export type Answer = z.infer<typeof answerSchema>;
