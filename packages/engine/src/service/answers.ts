import {
  customQuestionId,
  type Policy,
  predefinedSecurityQuestions,
  type Question,
} from "@sspr/core";

/**
 * A security answer as it is hashed: NFKC, case-folded, trimmed, inner white space collapsed,
 * so "  Amsterdam" and "AMSTERDAM" are the same answer.
 */
export function normaliseAnswer(answer: string): string {
  return answer.normalize("NFKC").toLowerCase().trim().replace(/\s+/g, " ");
}

/** Every question the policy offers: the predefined ones and the admin's custom ones. */
export function availableQuestions(policy: Policy): Question[] {
  return [
    ...Object.entries(predefinedSecurityQuestions).map(([id, text]) => ({ id, text })),
    ...policy.securityQuestions.custom.map((text, index) => ({
      id: customQuestionId(index),
      text,
    })),
  ];
}
