/**
 * Factoring polynomials in one variable over the rationals: a common factor (number and power of the variable),
 * then a quadratic with rational roots (difference of squares and perfect squares included). Higher-degree
 * remainders are left as they are.
 */
import type { Fraction } from 'mathjs';
import { q } from './engine.js';
import { formatNumber, formatPolynomial, formatTerm } from './format.js';
import { Polynomial } from './polynomial.js';
import type { Step } from './types.js';

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** The exact square root of a non-negative rational, or undefined when it is irrational. */
function rationalSqrt(value: Fraction): Fraction | undefined {
  if (value.s < 0n) return undefined;
  const root = (n: bigint): bigint | undefined => {
    const r = BigInt(Math.round(Math.sqrt(Number(n))));
    return r * r === n ? r : undefined;
  };
  const [n, d] = [root(value.n), root(value.d)];
  return n === undefined || d === undefined ? undefined : q(n, d);
}

/** The rational roots of `a x^2 + b x + c`, ascending (twice the same for a double root), or undefined. */
export function rationalRoots(a: Fraction, b: Fraction, c: Fraction): [Fraction, Fraction] | undefined {
  const root = rationalSqrt(b.mul(b).sub(a.mul(c).mul(4)));
  if (!root) return undefined;
  const [r1, r2] = [b.neg().sub(root).div(a.mul(2)), b.neg().add(root).div(a.mul(2))];
  return r1.compare(r2) <= 0 ? [r1, r2] : [r2, r1];
}

/** A factored polynomial: `constant * variable^power * factors...`. */
export interface Factored {
  readonly constant: Fraction;
  readonly power: number;
  /** Linear factors `(qx - p)` or the unfactored rest, with multiplicities. */
  readonly factors: readonly (readonly [Polynomial, number])[];
}

/** Factors `p`, a polynomial in `variable` alone. */
export function factorise(p: Polynomial, variable: string): Factored {
  const coefficients = p.coefficients(variable);
  const lead = coefficients[coefficients.length - 1];
  const nonzero = coefficients.filter((c) => !c.equals(0));
  const numerators = nonzero.reduce((g, c) => gcd(g, c.n), 0n);
  const denominators = nonzero.reduce((l, c) => (l * c.d) / gcd(l, c.d), 1n);
  const constant = q(lead.s < 0n ? -numerators : numerators, denominators);
  const power = coefficients.findIndex((c) => !c.equals(0));
  const rest = Polynomial.fromTerms(coefficients.slice(power).map((c, i) => ({ coefficient: c.div(constant), powers: i === 0 ? [] : [[variable, i] as const] })));
  if (rest.degree(variable) !== 2) return { constant, power, factors: rest.degree(variable) > 0 ? [[rest, 1]] : [] };
  const [c, b, a] = rest.coefficients(variable);
  const roots = rationalRoots(a, b, c);
  if (!roots) return { constant, power, factors: [[rest, 1]] };
  const linear = roots.map((r) => Polynomial.fromTerms([{ coefficient: q(r.d), powers: [[variable, 1]] }, { coefficient: q(-r.s * r.n), powers: [] }]));
  const scale = a.div(q(roots[0].d * roots[1].d));
  const all = { constant: constant.mul(scale), power };
  return roots[0].equals(roots[1]) ? { ...all, factors: [[linear[0], 2]] } : { ...all, factors: [[linear[0], 1], [linear[1], 1]] };
}

/** Writes a factored form the parser reads back: `2x(x + 3)`, `(x - 3)^2`, `3(x - 1)(x + 1)/2`. */
export function formatFactored(f: Factored, variable: string): string {
  const monomial = f.power === 0 ? '' : formatTerm({ coefficient: q(1), powers: [[variable, f.power]] });
  const alone = f.factors.length === 1 && f.factors[0][1] === 1 && !monomial && f.constant.equals(1);
  const factors = f.factors.map(([p, e]) => (alone ? formatPolynomial(p) : `(${formatPolynomial(p)})${e > 1 ? `^${e}` : ''}`)).join('');
  const n = f.constant.n;
  const sign = f.constant.s < 0n ? '-' : '';
  const numerator = n === 1n && (monomial || factors) ? '' : String(n);
  const body = `${numerator}${monomial}${factors}` || '1';
  return `${sign}${body}${f.constant.d === 1n ? '' : `/${f.constant.d}`}`;
}

/** The steps of `factor` for a collected polynomial in `variable`. */
export function factorSteps(p: Polynomial, variable: string): Step[] {
  const f = factorise(p, variable);
  const steps: Step[] = [];
  if ((!f.constant.equals(1) || f.power > 0) && p.terms.length > 1) {
    const inner = Polynomial.fromTerms(p.scale(f.constant.inverse()).terms.map((t) => ({
      coefficient: t.coefficient,
      powers: t.powers.map(([v, e]) => [v, e - f.power] as const).filter(([, e]) => e > 0),
    })));
    const state = formatFactored({ constant: f.constant, power: f.power, factors: [[inner, 1]] }, variable);
    const common = formatFactored({ constant: f.constant, power: f.power, factors: [] }, variable);
    steps.push({ text: `Take out the common factor ${common}: ${state}`, state });
  }
  const [first] = f.factors;
  if (!first) return steps;
  if (f.factors.length === 1 && first[1] === 1) {
    if (first[0].degree(variable) >= 2) steps.push({ text: `${formatPolynomial(first[0])} cannot be factored further over the rationals` });
    return steps;
  }
  const state = formatFactored(f, variable);
  const [c0, c1, c2] = f.factors.reduce((prod, [x, e]) => prod.mul(x.pow(e)), Polynomial.constant(q(1))).coefficients(variable);
  if (first[1] === 2) steps.push({ text: `This is a perfect square: ${state}`, state });
  else if (c1.equals(0)) steps.push({ text: `Use the difference of squares a^2 - b^2 = (a - b)(a + b): ${state}`, state });
  else {
    if (c2.equals(1) && c0.d === 1n && c1.d === 1n) {
      const numbers = f.factors.map(([x]) => formatNumber(x.coefficients(variable)[0]));
      steps.push({ text: `Find two numbers that multiply to ${formatNumber(c0)} and add to ${formatNumber(c1)}: ${numbers.join(' and ')}` });
    }
    steps.push({ text: `Factor the quadratic: ${state}`, state });
  }
  return steps;
}
