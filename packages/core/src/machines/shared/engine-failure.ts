import { type Problem, SsprProblem } from "../../problems/problem.js";

/** The problem an engine call failed with, or null when the call never got an answer. */
const problemOf = (error: unknown): Problem | null =>
  error instanceof SsprProblem ? error.problem : null;

/**
 * Params for the guards and actions of an invoked call's `onError`: the engine's problem, or
 * null for a network failure.
 */
export const failure = ({ event }: { event: { error: unknown } }) => ({
  problem: problemOf(event.error),
});

/** Guard: the engine answered with a problem (as opposed to a network failure). */
export const isProblem = (_: unknown, { problem }: { problem: Problem | null }) => problem !== null;
