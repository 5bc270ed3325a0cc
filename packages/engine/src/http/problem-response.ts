import { type ProblemCode, type ProblemExtensions, SsprProblem } from "@sspr/core";

/** An RFC 9457 problem+json response for a problem. */
export function problemResponse(problem: SsprProblem): Response {
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  if (problem.problem.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(problem.problem.retryAfterSeconds);
  return new Response(JSON.stringify(problem.problem), { status: problem.problem.status, headers });
}

/** Shorthand: a problem response for a code. */
export const problemFor = (code: ProblemCode, extensions: ProblemExtensions = {}): Response =>
  problemResponse(new SsprProblem(code, extensions));
