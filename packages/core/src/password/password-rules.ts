import type { PasswordPolicy } from "../policy/policy.schema.js";
import type { RuleResult } from "../problems/problem.js";
import { commonPasswords } from "./common-passwords.js";
import {
  countCodePoints,
  foldForMatching,
  MAX_PASSWORD_CODE_POINTS,
  normalisePassword,
} from "./normalise.js";

export { countCodePoints, foldForMatching, MAX_PASSWORD_CODE_POINTS, normalisePassword };

/** Facts about the user that a password may not contain. */
export interface PasswordContext {
  /** The user's own name, user ID, email addresses and other identifiers. */
  personal: readonly string[];
}

/** One result per rule, in a fixed order, and whether all passed. */
export interface PasswordEvaluation {
  ok: boolean;
  results: RuleResult[];
}

const MIN_TERM = 4;
const MIN_PERSONAL = 3;

function isBanned(folded: string, terms: Iterable<string>): boolean {
  const stripped = folded.replace(/[\p{N}]+$/u, "");
  for (const term of terms) {
    if (term.length === 0) continue;
    if (folded === term || stripped === term) return true;
    if (term.length >= MIN_TERM && folded.includes(term)) return true;
  }
  return false;
}

function personalTokens(personal: readonly string[]): string[] {
  return personal
    .flatMap((value) => [value, ...value.split(/[\s@._+-]+/)])
    .map(foldForMatching)
    .filter((t) => t.length >= MIN_PERSONAL);
}

function classCount(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) =>
    re.test(password),
  ).length;
}

/**
 * Checks a password against the policy's rules, NIST SP 800-63B style: length in code points
 * after NFKC and no truncation, at most {@link MAX_PASSWORD_CODE_POINTS}; 3 of 4 character
 * classes only when the policy asks; no common or banned term (after folding case and
 * look-alike substitutions); nothing of the user's own name or identifiers. The engine adds the
 * `history` result. A UI shows `results` as a live checklist.
 *
 * @example
 * evaluatePassword("correct horse battery staple", policy.password, { personal: ["Anna de Vries"] }).ok // true
 */
export function evaluatePassword(
  password: string,
  policy: Pick<PasswordPolicy, "minLength" | "bannedTerms" | "requireStrong">,
  context: PasswordContext,
): PasswordEvaluation {
  const normalised = normalisePassword(password);
  const length = countCodePoints(normalised);
  const folded = foldForMatching(normalised);
  const banned = [...commonPasswords, ...policy.bannedTerms.map(foldForMatching)];
  const results: RuleResult[] = [
    { rule: "length", passed: length >= policy.minLength },
    { rule: "max-length", passed: length <= MAX_PASSWORD_CODE_POINTS },
    { rule: "strength", passed: !policy.requireStrong || classCount(normalised) >= 3 },
    { rule: "banned", passed: !isBanned(folded, banned) },
    {
      rule: "personal",
      passed: !personalTokens(context.personal).some((token) => folded.includes(token)),
    },
  ];
  return { ok: results.every((r) => r.passed), results };
}
