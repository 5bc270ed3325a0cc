/**
 * The predefined security questions, by stable id. User interfaces translate them by id;
 * the English text here is the fallback. Admins add custom questions in the policy.
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

/** Custom questions are addressed as `custom:<index>` into the policy's list. */
export const customQuestionId = (index: number): string => `custom:${index}`;
