import {
  customQuestionId,
  type Locale,
  type Policy,
  type Question,
  securityQuestionTexts,
} from "@sspr/core";

/**
 * A security answer as it is hashed: NFKC, case-folded, trimmed, inner white space collapsed,
 * so "  Amsterdam" and "AMSTERDAM" are the same answer.
 */
export function normaliseAnswer(answer: string): string {
  return answer.normalize("NFKC").toLowerCase().trim().replace(/\s+/g, " ");
}

/**
 * Every question the policy offers, in the user's language: the predefined ones and the
 * admin's custom ones. Ids are the same in every language, so are the stored answers.
 */
export function availableQuestions(policy: Policy, locale: Locale = "en"): Question[] {
  return [
    ...Object.entries(securityQuestionTexts[locale]).map(([id, text]) => ({ id, text })),
    ...policy.securityQuestions.custom.map((text, index) => ({
      id: customQuestionId(index),
      text,
    })),
  ];
}
