/** One linear equation in one variable, solved the way a tutor writes it out. */
import type { Fraction } from 'mathjs';
import { formatEquation, formatNumber, formatTerm } from './format.js';
import type { Equation } from './parse-state.js';
import { Polynomial } from './polynomial.js';
import { collectVerb } from './rewrite.js';
import type { SolutionCount, Step } from './types.js';

/** Steps and answer of a `solve` problem. */
export interface SolveOutcome {
  readonly steps: Step[];
  readonly answer: Record<string, number | number[]>;
  readonly solutions: SolutionCount;
}

function single(variable: string, power: number, coefficient: Fraction): Polynomial {
  return Polynomial.fromTerms([{ coefficient, powers: power === 0 ? [] : [[variable, power]] }]);
}

/** `Subtract 3 from both sides` / `Add 2x to both sides` for removing `term` from a side. */
function removeVerb(term: Polynomial): string {
  const t = term.terms[0];
  const negative = t.coefficient.s < 0n;
  return `${negative ? 'Add' : 'Subtract'} ${formatTerm({ coefficient: t.coefficient.abs(), powers: t.powers })} ${negative ? 'to' : 'from'} both sides`;
}

/** `Divide both sides by 2` / `Multiply both sides by 3/2` / `Multiply both sides by -1` to make `coefficient` 1. */
function normaliseVerb(coefficient: Fraction): string {
  if (coefficient.equals(-1)) return 'Multiply both sides by -1';
  if (coefficient.n === 1n && coefficient.d !== 1n) return `Multiply both sides by ${formatNumber(coefficient.inverse())}`;
  if (coefficient.d === 1n) return `Divide both sides by ${formatNumber(coefficient)}`;
  return `Multiply both sides by ${formatNumber(coefficient.inverse())}`;
}

/** Solves `equation` (linear in `variable`, both sides polynomials). */
export function solveLinear(equation: Equation, variable: string): SolveOutcome {
  const steps: Step[] = [];
  const push = (text: string, lhs: Polynomial, rhs: Polynomial): void => {
    const state = formatEquation(lhs, rhs);
    steps.push({ text: `${text}: ${state}`, state });
  };
  let lhs = equation.lhs.poly!;
  let rhs = equation.rhs.poly!;
  const verb = collectVerb(equation.lhs) ?? collectVerb(equation.rhs);
  if (verb) push(verb, lhs, rhs);
  if (lhs.degree(variable) < 1 && rhs.degree(variable) === 1) {
    [lhs, rhs] = [rhs, lhs];
    push('Swap the sides', lhs, rhs);
  }
  const onRight = rhs.coefficientOf(variable);
  if (!onRight.equals(0)) {
    const term = single(variable, 1, onRight);
    [lhs, rhs] = [lhs.sub(term), rhs.sub(term)];
    push(removeVerb(term), lhs, rhs);
  }
  const constant = lhs.constantTerm;
  const a = lhs.coefficientOf(variable);
  if (!constant.equals(0) && !a.equals(0)) {
    const term = Polynomial.constant(constant);
    [lhs, rhs] = [lhs.sub(term), rhs.sub(term)];
    push(removeVerb(term), lhs, rhs);
  }
  const b = rhs.constantValue!;
  if (a.equals(0)) {
    const always = lhs.constantValue!.equals(b);
    steps.push({ text: always
      ? `This is true for every ${variable}: there are infinitely many solutions`
      : `This is never true: there is no solution` });
    return { steps, answer: always ? {} : { [variable]: [] }, solutions: always ? 'infinite' : 'none' };
  }
  const value = b.div(a);
  if (!a.equals(1)) push(normaliseVerb(a), Polynomial.variable(variable), Polynomial.constant(value));
  return { steps, answer: { [variable]: value.valueOf() }, solutions: 'finite' };
}
