/** Works a parsed problem: picks the solver for its goal and shape and returns its steps. */
import { solveAlternatives } from './alternatives.js';
import { derivativeSteps, derivativeVariable } from './derivative.js';
import { MathProblemError } from './errors.js';
import { factorSteps } from './factor.js';
import { formatPolynomial } from './format.js';
import { solveLinear, type SolveOutcome } from './linear.js';
import type { Problem } from './parse-problem.js';
import type { Equation, Expr } from './parse-state.js';
import { solveQuadratic } from './quadratic.js';
import { collectVerb, rewriteSteps } from './rewrite.js';
import { solveSystem } from './system.js';
import type { MathSolution, Step } from './types.js';

function variablesOf(equations: readonly Equation[]): string[] {
  return [...new Set(equations.flatMap((e) => [...e.lhs.poly!.variables, ...e.rhs.poly!.variables]))].sort();
}

function solveEquations(problem: Problem, input: string): SolveOutcome {
  const { state } = problem;
  if (state.kind !== 'equations') throw new MathProblemError(input, 'solve needs an equation such as 2x + 3 = 7');
  if (state.join === 'or') return solveAlternatives(state.equations, input);
  if (state.equations.some((e) => !e.lhs.poly || !e.rhs.poly)) throw new MathProblemError(input, 'only polynomial equations are solved');
  const variables = variablesOf(state.equations);
  const polys = state.equations.map((e) => e.lhs.poly!.sub(e.rhs.poly!));
  if (state.equations.length > 1) {
    if (polys.some((p) => p.degree() > 1)) throw new MathProblemError(input, 'systems must be linear');
    return solveSystem(state.equations, variables, problem.body);
  }
  const [p] = polys;
  if (variables.length === 0) {
    const always = p.isZero;
    return { steps: [{ text: always ? 'This is always true: every value is a solution' : 'This is never true: there is no solution' }], answer: {}, solutions: always ? 'infinite' : 'none' };
  }
  if (variables.length > 1) throw new MathProblemError(input, `one equation in ${variables.join(', ')}: give as many equations as unknowns`);
  const [v] = variables;
  const degree = p.degree(v);
  if (degree <= 1) return solveLinear(state.equations[0], v);
  if (degree === 2) return solveQuadratic(state.equations[0], v);
  throw new MathProblemError(input, `degree ${degree} equations are not solved (linear and quadratic ones are)`);
}

function expressionOf(problem: Problem, input: string): Expr {
  if (problem.state.kind !== 'expression') throw new MathProblemError(input, `${problem.goal} needs an expression, not an equation`);
  return problem.state.expr;
}

function factorProblem(expr: Expr, input: string): Step[] {
  const p = expr.poly;
  if (!p || p.variables.length > 1) throw new MathProblemError(input, 'factor takes a polynomial in one variable');
  const collect = collectVerb(expr);
  const first: Step[] = collect ? [{ text: `${collect}: ${formatPolynomial(p)}`, state: formatPolynomial(p) }] : [];
  return p.variables.length === 0 ? first : [...first, ...factorSteps(p, p.variables[0])];
}

/** Steps and solution of `problem` (`input` is the text it came from, for errors). */
export function work(problem: Problem, input: string): { steps: Step[]; solution: MathSolution } {
  let outcome: Partial<SolveOutcome> & { steps: Step[] };
  if (problem.goal === 'solve') outcome = solveEquations(problem, input);
  else {
    const expr = expressionOf(problem, input);
    const steps = problem.goal === 'factor' ? factorProblem(expr, input)
      : problem.goal === 'derivative' ? derivativeSteps(expr.node, derivativeVariable(expr.node, problem.variable))
        : rewriteSteps(expr, problem.goal === 'expand');
    outcome = { steps };
  }
  const states = [problem.body, ...outcome.steps.flatMap((s) => (s.state === undefined ? [] : [s.state]))];
  const solution: MathSolution = { goal: problem.goal, steps: outcome.steps.map((s) => s.text), answer: outcome.answer ?? {}, states };
  if (outcome.solutions) solution.solutions = outcome.solutions;
  if (problem.goal !== 'solve') solution.result = states.length > 1 ? states[states.length - 1] : expressionResult(problem);
  return { steps: outcome.steps, solution };
}

function expressionResult(problem: Problem): string {
  const expr = (problem.state as { expr: Expr }).expr;
  return expr.poly ? formatPolynomial(expr.poly) : expr.text;
}
