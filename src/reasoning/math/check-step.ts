/** Decides whether a step from `before` to `after` is valid and, when it is not, what went wrong. */
import { classifyEquation, classifyExpression, type Diagnosis } from './classify.js';
import { derivativeSteps, derivativeVariable } from './derivative.js';
import { proportionalNumerically, sameExpression, sameSet, sameSystem, solutionSet, unionSet } from './equivalence.js';
import { MathProblemError } from './errors.js';
import { formatNumber } from './format.js';
import { nextMove } from './next-step.js';
import { parseProblem, type Problem } from './parse-problem.js';
import { parseExpr, parseState, type Equation, type State } from './parse-state.js';
import { qFromNumber } from './engine.js';
import type { StepCheck } from './types.js';

function isLinear(equations: readonly Equation[]): boolean {
  return equations.every((e) => e.lhs.poly && e.rhs.poly && e.lhs.poly.degree() <= 1 && e.rhs.poly.degree() <= 1);
}

function single(before: Equation, after: Equation): Diagnosis | undefined {
  const [pb, pa] = [before, after].map((e) => (e.lhs.poly && e.rhs.poly ? e.lhs.poly.sub(e.rhs.poly) : undefined));
  const [sb, sa] = [solutionSet(before), solutionSet(after)];
  const sameSolutions = sb !== undefined && sa !== undefined && sameSet(sb, sa) && (sb === 'all' || sb.length > 0);
  if (pb && pa) {
    const ratio = pa.ratioTo(pb);
    if ((ratio && !ratio.equals(0)) || (pb.isZero && pa.isZero) || sameSolutions) return undefined;
    return classifyEquation(before, after);
  }
  if (sameSolutions || proportionalNumerically(before, after)) return undefined;
  return { error: 'not-equivalent', message: 'The new equation does not have the same solutions' };
}

function describeSet(v: string, set: readonly number[]): string {
  return set.map((x) => `${v} = ${formatNumber(qFromNumber(+x.toPrecision(12)))}`).join(' or ') || 'no solution';
}

function alternatives(before: State & { kind: 'equations' }, after: State & { kind: 'equations' }): Diagnosis | undefined {
  const [sb, sa] = [unionSet(before.equations), unionSet(after.equations)];
  if (sb === undefined || sa === undefined) return { error: 'not-equivalent', message: 'These solution sets cannot be compared' };
  if (sameSet(sb, sa)) return undefined;
  if (sb === 'all' || sa === 'all') return { error: 'not-equivalent', message: 'Only one of the two holds for every value' };
  const v = [...after.equations, ...before.equations].map((e) => e.lhs.poly?.variables[0]).find((x) => x) ?? 'x';
  if (sameSet([...sb].map((x) => -x).sort((x, y) => x - y), sa)) return { error: 'sign', message: `The signs are wrong: the solutions are ${describeSet(v, sb)}` };
  const kind = sa.length === sb.length ? 'arithmetic' : 'not-equivalent';
  return { error: kind, message: `The solutions are ${describeSet(v, sb)}, not ${describeSet(v, sa)}` };
}

function diagnose(problem: Problem, after: State): Diagnosis | undefined {
  const before = problem.state;
  if (before.kind === 'expression' && after.kind === 'expression') {
    const expected = problem.goal === 'derivative'
      ? parseExpr(derivativeSteps(before.expr.node, derivativeVariable(before.expr.node, problem.variable)).at(-1)!.state!)
      : before.expr;
    return sameExpression(expected, after.expr) ? undefined : classifyExpression(expected, after.expr);
  }
  if (before.kind !== 'equations' || after.kind !== 'equations') {
    return { error: 'not-equivalent', message: `A step must turn ${before.kind === 'expression' ? 'an expression into an equal expression' : 'equations into equivalent equations'}` };
  }
  if (before.join === 'and' && after.join === 'and') {
    if (before.equations.length === 1 && after.equations.length === 1) return single(before.equations[0], after.equations[0]);
    if (isLinear(before.equations) && isLinear(after.equations)) {
      const all = [...before.equations, ...after.equations].flatMap((e) => [...e.lhs.poly!.variables, ...e.rhs.poly!.variables]);
      if (sameSystem(before.equations, after.equations, [...new Set(all)].sort())) return undefined;
      return { error: 'arithmetic', message: 'The new system does not have the same solutions: check the coefficients and constants of the changed equation' };
    }
  }
  return alternatives(before, after);
}

/**
 * Checks the step `before` -> `after`. `before` may lead with a command (`factor x^2 - 1`, `derivative of x^3`)
 * that says what kind of step is expected; without one, equations must stay equivalent and expressions equal.
 * Throws MathParseError when either side cannot be parsed.
 */
export function checkStep(before: string, after: string): StepCheck {
  const problem = parseProblem(before);
  const diagnosis = diagnose(problem, parseState(after));
  if (!diagnosis) return { valid: true };
  let hint: string | undefined;
  try {
    hint = nextMove(before)?.text;
  } catch (error) {
    if (!(error instanceof MathProblemError)) throw error;
  }
  return { valid: false, error: diagnosis.error, message: diagnosis.message, ...(hint ? { hint } : {}) };
}
