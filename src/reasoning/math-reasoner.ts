/**
 * `MathReasoner`: solves maths problems written as text step by step, checks a human's steps and says what
 * went wrong, and proposes the next step, so that a human and the collaborator can work one problem in turns
 * (see MathSession). Symbolic work uses exact fractions; mathjs parses and differentiates.
 */
import { checkStep } from './math/check-step.js';
import { nextMove } from './math/next-step.js';
import { parseProblem } from './math/parse-problem.js';
import { MathSession } from './math/session.js';
import { work } from './math/solve.js';
import type { MathSolution, StepCheck } from './math/types.js';

/** Symbolic maths for collaborative tutoring. Stateless: one instance can serve any number of problems. */
export class MathReasoner {
  /**
   * Solves a problem such as `solve 2x + 3 = 7`, `solve x + y = 3, x - y = 1`, `solve x^2 - 2x - 3 = 0`,
   * `simplify 2x + 3x - 4`, `expand (x + 1)(x - 2)`, `factor x^2 - 5x + 6` or `derivative of x^3 + 2x`.
   * Throws MathParseError (with the position) when the text is malformed and MathProblemError when the problem
   * is outside what is solved (equations of degree 3 or more, non-linear systems, non-polynomial equations).
   */
  solve(problem: string): MathSolution {
    return work(parseProblem(problem), problem).solution;
  }

  /**
   * Whether the step from `before` to `after` is valid: equations must keep the same real solution set,
   * systems the same solutions, expressions the same value (`before` may lead with a command such as
   * `factor` or `derivative of`). When not, `error` names the mistake (`sign`, `arithmetic`, `lost-term`,
   * `illegal-operation`, `not-equivalent`) and `hint` is the next correct step from `before`.
   * Throws MathParseError when either side is malformed.
   */
  checkStep(before: string, after: string): StepCheck {
    return checkStep(before, after);
  }

  /**
   * The collaborator's next step from `current` (a state, optionally led by a command), e.g.
   * `Subtract 3 from both sides: 2x = 4`; null when `current` is already solved or final.
   */
  nextStep(current: string): string | null {
    return nextMove(current)?.text ?? null;
  }

  /** Starts working `problem` in turns with a human. */
  session(problem: string): MathSession {
    return new MathSession(problem);
  }
}
