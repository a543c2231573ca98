/**
 * Alternatives joined by `or`: final when each reads `variable = number` (the number may be an exact surd such
 * as `1 - sqrt(2)`), otherwise each linear alternative is solved (`x - 2 = 0 or 2x + 1 = 0`).
 */
import { numericValue, symbolsOf } from './equivalence.js';
import { MathProblemError } from './errors.js';
import { formatNumber } from './format.js';
import type { SolveOutcome } from './linear.js';
import type { Equation } from './parse-state.js';
import { Polynomial } from './polynomial.js';

/** `[variable, value]` when `e` reads `variable = number`, otherwise undefined. */
function assignment(e: Equation): readonly [string, number] | undefined {
  const [v] = e.lhs.poly?.variables ?? [];
  if (v === undefined || !e.lhs.poly!.equals(Polynomial.variable(v))) return undefined;
  const exact = e.rhs.poly?.constantValue;
  const value = exact ? exact.valueOf() : symbolsOf(e.rhs.node).length === 0 ? numericValue(e.rhs.node) : undefined;
  return value === undefined ? undefined : [v, value];
}

/** The answer when every alternative reads `variable = number` for one variable; undefined otherwise. */
function finalAlternatives(equations: readonly Equation[]): SolveOutcome | undefined {
  const values = equations.map(assignment);
  if (values.some((v) => !v) || new Set(values.map((v) => v![0])).size !== 1) return undefined;
  const roots = [...new Set(values.map((v) => v![1]))].sort((a, b) => a - b);
  return { steps: [], answer: { [values[0]![0]]: roots }, solutions: 'finite' };
}

/** Solves the alternatives `polys[0] = 0 or polys[1] = 0 ...`, each linear in `variable`: roots ascending, each once. */
export function solveLinearAlternatives(polys: readonly Polynomial[], variable: string): SolveOutcome {
  const roots = polys.map((p) => p.constantTerm.neg().div(p.coefficientOf(variable)))
    .sort((a, b) => a.compare(b))
    .filter((r, i, all) => i === 0 || !r.equals(all[i - 1]));
  const state = roots.map((r) => `${variable} = ${formatNumber(r)}`).join(' or ');
  return { steps: [{ text: `Solve each equation: ${state}`, state }], answer: { [variable]: roots.map((r) => r.valueOf()) }, solutions: 'finite' };
}

/**
 * Solves alternatives: final ones give their answer, linear ones in one variable are solved each. Throws
 * MathProblemError for any other alternatives.
 */
export function solveAlternatives(equations: readonly Equation[], input: string): SolveOutcome {
  const final = finalAlternatives(equations);
  if (final) return final;
  const polys = equations.map((e) => (e.lhs.poly && e.rhs.poly ? e.lhs.poly.sub(e.rhs.poly) : undefined));
  const [v, more] = [...new Set(polys.flatMap((p) => p?.variables ?? []))];
  if (v === undefined || more !== undefined || polys.some((p) => !p || p.degree(v) !== 1)) {
    throw new MathProblemError(input, 'alternatives are solved when each is linear in the same variable or reads variable = number');
  }
  return solveLinearAlternatives(polys as Polynomial[], v);
}
