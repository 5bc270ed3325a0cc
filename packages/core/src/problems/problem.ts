import type { Problem } from "./problem.schema.js";

export type { FieldError, Problem, RuleResult } from "./problem.schema.js";

/**
 * Every error sspr reports has one of these stable codes, whatever the transport.
 * User interfaces switch on the code; the HTTP API sends it in an RFC 9457 problem document.
 */
export const problemCodes = {
  "invalid-request": 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  "bot-check-failed": 400,
  "flow-expired": 410,
  "step-out-of-order": 409,
  "code-invalid": 400,
  "code-expired": 410,
  "attempts-exceeded": 410,
  throttled: 429,
  "password-rejected": 422,
  "method-not-allowed": 403,
  conflict: 409,
  "malformed-json": 400,
  "unsupported-media-type": 415,
  "payload-too-large": 413,
  internal: 500,
} as const;

/** A stable problem code. */
export type ProblemCode = keyof typeof problemCodes;

/** True for one of the stable problem codes. */
export const isProblemCode = (code: unknown): code is ProblemCode =>
  typeof code === "string" && Object.hasOwn(problemCodes, code);

/** Extra facts a problem may carry. */
export type ProblemExtensions = Pick<
  Problem,
  "detail" | "errors" | "rules" | "retryAfterSeconds" | "attemptsLeft" | "requestId"
>;

const titles: Record<ProblemCode, string> = {
  "invalid-request": "The request is not valid",
  unauthenticated: "Sign-in required",
  forbidden: "Not allowed",
  "not-found": "Not found",
  "bot-check-failed": "The bot check failed",
  "flow-expired": "This reset has expired; start again",
  "step-out-of-order": "This step is not available now",
  "code-invalid": "The code is not correct",
  "code-expired": "The code has expired; ask for a new one",
  "attempts-exceeded": "Too many wrong codes; start again",
  throttled: "Too many attempts; try again later",
  "password-rejected": "The password does not meet the rules",
  "method-not-allowed": "That method is not allowed",
  conflict: "Changed by someone else; reload",
  "malformed-json": "The body is not valid JSON",
  "unsupported-media-type": "Send application/json",
  "payload-too-large": "The body is too large",
  internal: "Something went wrong",
};

/**
 * The error every sspr operation throws for an expected failure. It carries a problem document,
 * so the same failure reads the same in-process and over HTTP.
 *
 * @example
 * try { await api.verifyCode({ flowId, code }) }
 * catch (e) { if (e instanceof SsprProblem && e.code === "code-invalid") showRetry(e.problem.attemptsLeft) }
 */
export class SsprProblem extends Error {
  override readonly name = "SsprProblem";
  readonly problem: Problem;

  constructor(code: ProblemCode, extensions: ProblemExtensions = {}) {
    super(extensions.detail ?? titles[code]);
    this.problem = {
      type: `https://sspr.dev/problems/${code}`,
      title: titles[code],
      status: problemCodes[code],
      code,
      ...extensions,
    };
  }

  /** The stable problem code. */
  get code(): ProblemCode {
    return this.problem.code;
  }

  /** Rebuilds the error from a problem document received over the wire. */
  static fromProblem(problem: Problem): SsprProblem {
    const { type: _type, title: _title, status: _status, code, ...extensions } = problem;
    return new SsprProblem(code, extensions);
  }
}
