import type { PasswordPolicy } from "../policy/policy.schema.js";
import type { RuleResult } from "../problems/problem.js";
import { bannedScore, MIN_BANNED_SCORE, personalTerms } from "./banned-score.js";
import {
  countCodePoints,
  foldForMatching,
  MAX_PASSWORD_CODE_POINTS,
  normalisePassword,
} from "./normalise.js";
import { createTermIndex, type TermIndex } from "./term-index.js";

export { countCodePoints, foldForMatching, MAX_PASSWORD_CODE_POINTS, normalisePassword };

/** Facts about the user, and the global list, that a password is scored against. */
export interface PasswordContext {
  /** The user's own name, user ID, email addresses and other identifiers. */
  personal: readonly string[];
  /** The global banned-password list: `await loadCommonPasswords()`. */
  common: TermIndex;
}

/** One result per rule in force, in a fixed order, and whether all passed. */
export interface PasswordEvaluation {
  ok: boolean;
  results: RuleResult[];
}

function classCount(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) =>
    re.test(password),
  ).length;
}

// The admin's custom terms, indexed once per list (a policy's list is one array while it lasts).
const customIndexes = new WeakMap<readonly string[], TermIndex>();
function customIndex(terms: readonly string[]): TermIndex {
  let index = customIndexes.get(terms);
  if (!index) {
    index = createTermIndex(terms, foldForMatching);
    customIndexes.set(terms, index);
  }
  return index;
}

/**
 * Checks a password against the rules in force, NIST SP 800-63B style: length in code points
 * after NFKC and no truncation, at most {@link MAX_PASSWORD_CODE_POINTS}; 3 of 4 character
 * classes only when the policy asks (else the rule is not listed); and Entra's banned-password
 * score (see `bannedScore`): the global list, the policy's custom terms and the user's own name
 * and identifiers cost a point each, every other character earns one, and at least 5 are
 * needed. The `banned` result names the terms that cost points. No rule passes on an empty
 * password. The engine adds the `history` result. A UI shows `results` as a live checklist.
 *
 * @example
 * evaluatePassword("correct horse battery staple", policy.password, { personal: ["Anna de Vries"], common: await loadCommonPasswords() }).ok // true
 */
export function evaluatePassword(
  password: string,
  policy: Pick<PasswordPolicy, "minLength" | "bannedTerms" | "requireStrong">,
  context: PasswordContext,
): PasswordEvaluation {
  const normalised = normalisePassword(password);
  const length = countCodePoints(normalised);
  const score = bannedScore(
    normalised,
    [context.common, customIndex(policy.bannedTerms)],
    personalTerms(context.personal),
  );
  const results: RuleResult[] = [
    { rule: "length", passed: length >= policy.minLength },
    { rule: "max-length", passed: length > 0 && length <= MAX_PASSWORD_CODE_POINTS },
    ...(policy.requireStrong
      ? [{ rule: "strength", passed: classCount(normalised) >= 3 } as const]
      : []),
    { rule: "banned", passed: score.points >= MIN_BANNED_SCORE, terms: score.terms },
  ];
  return { ok: results.every((r) => r.passed), results };
}
