import type { Locale } from "../api/common.schema.js";

/**
 * The predefined security questions, by stable id, in English. Answers are stored by id, so
 * they keep working whatever language a user registered in. Admins add custom questions in the
 * policy (in their own words, shown as typed).
 */
export const predefinedSecurityQuestions = {
  "first-school": "What was the name of your first school?",
  "childhood-friend": "What is the first name of your best childhood friend?",
  "first-pet": "What was the name of your first pet?",
  "parents-met": "In what city did your parents meet?",
  "first-job-city": "In what city was your first job?",
  "favourite-teacher": "What is the last name of your favourite teacher?",
  "first-concert": "What was the first concert you attended?",
  "childhood-street": "On which street did you live as a child?",
  "first-car": "What was the make and model of your first car?",
  "grandmother-name": "What is your oldest grandmother's first name?",
} as const satisfies Record<string, string>;

/** The id of a predefined security question. */
export type PredefinedQuestionId = keyof typeof predefinedSecurityQuestions;

/** The predefined security questions in every language sspr speaks, by id. */
export const securityQuestionTexts: Record<Locale, Record<PredefinedQuestionId, string>> = {
  en: predefinedSecurityQuestions,
  nl: {
    "first-school": "Hoe heette uw eerste school?",
    "childhood-friend": "Wat is de voornaam van uw beste jeugdvriend(in)?",
    "first-pet": "Hoe heette uw eerste huisdier?",
    "parents-met": "In welke plaats hebben uw ouders elkaar ontmoet?",
    "first-job-city": "In welke plaats had u uw eerste baan?",
    "favourite-teacher": "Wat is de achternaam van uw favoriete leraar of lerares?",
    "first-concert": "Wat was het eerste concert dat u bezocht?",
    "childhood-street": "In welke straat woonde u als kind?",
    "first-car": "Wat was het merk en model van uw eerste auto?",
    "grandmother-name": "Wat is de voornaam van uw oudste grootmoeder?",
  },
};

/** Custom questions are addressed as `custom:<index>` into the policy's list. */
export const customQuestionId = (index: number): string => `custom:${index}`;
