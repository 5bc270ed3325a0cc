import { type RuleResult, SsprProblem } from "@sspr/core";
import { ResultCodeError } from "ldapts";

/**
 * The server's own words for why it refused a new password, and sspr's rule for each: slapd's
 * ppolicy texts, and Active Directory's 0000052D (complexity, length or history; AD does not
 * say which, so it reads as strength).
 */
const refusals: [RegExp, RuleResult["rule"]][] = [
  [/in history|not being changed from existing value/i, "history"],
  [/too short/i, "length"],
  [/quality|0000052D/i, "strength"],
];

/**
 * The `password-rejected` problem for a constraint violation (19) or unwillingness (53) whose
 * text names a password rule; any other error as it was.
 */
export function refusalOf(error: unknown): unknown {
  if (!(error instanceof ResultCodeError) || (error.code !== 19 && error.code !== 53)) return error;
  const rule = refusals.find(([text]) => text.test(error.message))?.[1];
  return rule ? new SsprProblem("password-rejected", { rules: [{ rule, passed: false }] }) : error;
}
