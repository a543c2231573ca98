/** The value types of the maths reasoner's public API. */

/** What a problem asks for. */
export type MathGoal = 'solve' | 'simplify' | 'expand' | 'factor' | 'derivative';

/** How many solutions a `solve` problem has (`finite` covers one root, two roots, one point of a system). */
export type SolutionCount = 'finite' | 'none' | 'infinite';

/** One step of worked solution: the tutor's sentence and, when the step changes it, the new state. */
export interface Step {
  /** E.g. `Subtract 3 from both sides: 2x = 4`. */
  readonly text: string;
  /** The equation, system or expression after the step (parseable); absent for a remark. */
  readonly state?: string;
}

/** The answer of `MathReasoner.solve()`. */
export interface MathSolution {
  /** What the problem asked for. */
  goal: MathGoal;
  /** Human-readable steps, e.g. `Divide both sides by 2: x = 2`. */
  steps: string[];
  /**
   * The values found: `{ x: 2 }`, `{ x: [-1, 3] }` (roots ascending, a double root once; irrational roots as
   * floating-point values, which the steps write exactly with `sqrt`), `{ x: [] }` when an
   * equation has no real solution, `{ x: 1, y: 2 }` for a system; `{}` for infinitely many solutions, for a
   * system without solution and for the goals that produce an expression.
   */
  answer: Record<string, number | number[]>;
  /** For `solve`: whether there are finitely many, no or infinitely many solutions. */
  solutions?: SolutionCount;
  /** For simplify, expand, factor and derivative: the resulting expression. */
  result?: string;
  /** The chain of states the steps pass through, the problem's own first; each consecutive pair is a valid step. */
  states: string[];
}

/** Why a step is wrong. */
export type StepErrorKind = 'sign' | 'arithmetic' | 'lost-term' | 'illegal-operation' | 'not-equivalent';

/** The verdict of `MathReasoner.checkStep()`. */
export interface StepCheck {
  /** True when `after` is equivalent to `before` (same solution set, or the same expression). */
  valid: boolean;
  /** The kind of mistake when not valid. */
  error?: StepErrorKind;
  /** A sentence explaining the mistake. */
  message?: string;
  /** The next correct step from `before` when not valid (absent when there is none). */
  hint?: string;
}
