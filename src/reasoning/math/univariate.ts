/** Polynomials in one variable: exact division and numeric real roots (for comparing solution sets). */
import type { Fraction } from 'mathjs';
import { q } from './engine.js';
import { Polynomial } from './polynomial.js';

/** The exact quotient `numerator / denominator` in `variable`, or undefined when there is a remainder. */
export function divideExactly(numerator: Polynomial, denominator: Polynomial, variable: string): Polynomial | undefined {
  if (denominator.isZero || [...numerator.variables, ...denominator.variables].some((v) => v !== variable)) return undefined;
  const rest = numerator.coefficients(variable);
  const d = denominator.coefficients(variable);
  const quotient: Fraction[] = [];
  for (let i = rest.length - d.length; i >= 0; i--) {
    const f = rest[i + d.length - 1].div(d[d.length - 1]);
    quotient[i] = f;
    d.forEach((c, j) => { rest[i + j] = rest[i + j].sub(c.mul(f)); });
  }
  if (rest.some((c) => !c.equals(0))) return undefined;
  return Polynomial.fromTerms(quotient.map((c, i) => ({ coefficient: c ?? q(0), powers: i === 0 ? [] : [[variable, i] as const] })));
}

function evaluate(coefficients: readonly number[], x: number): number {
  return coefficients.reduceRight((sum, c) => sum * x + c, 0);
}

/** Distinct real roots, ascending, of the polynomial with `coefficients` (lowest power first, leading one nonzero). */
export function realRoots(coefficients: readonly number[]): number[] {
  const n = coefficients.length - 1;
  if (n < 1) return [];
  if (n === 1) return [-coefficients[0] / coefficients[1]];
  const lead = coefficients[n];
  const bound = 1 + Math.max(...coefficients.slice(0, n).map((c) => Math.abs(c / lead)));
  const critical = realRoots(coefficients.slice(1).map((c, i) => c * (i + 1)));
  const points = [-bound, ...critical.filter((c) => Math.abs(c) < bound), bound];
  const scale = coefficients.reduce((s, c) => s + Math.abs(c), 0);
  const roots: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    if (Math.abs(evaluate(coefficients, a)) <= 1e-9 * scale) roots.push(a);
    const b = points[i + 1];
    if (b === undefined) continue;
    let [lo, hi] = [a, b];
    if (Math.sign(evaluate(coefficients, lo)) * Math.sign(evaluate(coefficients, hi)) >= 0) continue;
    for (let k = 0; k < 200 && hi - lo > 1e-13 * (1 + Math.abs(lo)); k++) {
      const mid = (lo + hi) / 2;
      if (Math.sign(evaluate(coefficients, mid)) === Math.sign(evaluate(coefficients, lo))) lo = mid;
      else hi = mid;
    }
    roots.push((lo + hi) / 2);
  }
  return roots.sort((x, y) => x - y).filter((r, i, all) => i === 0 || Math.abs(r - all[i - 1]) > 1e-7 * (1 + Math.abs(r)));
}
