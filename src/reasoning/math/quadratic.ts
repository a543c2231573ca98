/**
 * Quadratic equations in one variable: bring everything to one side, then factor when the roots are rational
 * and set each factor equal to zero, or use the discriminant and the quadratic formula (irrational roots are
 * written with `sqrt`). An equation that already reads `product of linear factors = 0` goes straight to the
 * factors, rather than being multiplied out again.
 */
import type { Fraction } from 'mathjs';
import { q } from './engine.js';
import { formatNumber, formatPolynomial } from './format.js';
import { factorise, formatFactored, rationalRoots } from './factor.js';
import type { SolveOutcome } from './linear.js';
import { parseExpr, type Equation } from './parse-state.js';
import { solveZeroProduct, zeroProductFactors } from './product.js';
import { collectVerb } from './rewrite.js';
import type { Step } from './types.js';

/** Splits a positive integer into `s^2 * k` with k free of square factors found by trial division. */
function squarePart(n: bigint): [bigint, bigint] {
  let [s, k] = [1n, n];
  for (let f = 2n; f * f <= k; f++) {
    while (k % (f * f) === 0n) [s, k] = [s * f, k / (f * f)];
  }
  return [s, k];
}

/** `m*sqrt(k)` for a positive rational m: `sqrt(2)`, `3sqrt(5)/2`. */
function formatRadical(m: Fraction, k: bigint): string {
  return `${m.n === 1n ? '' : m.n}sqrt(${k})${m.d === 1n ? '' : `/${m.d}`}`;
}

/** Solves `equation`, of degree 2 in `variable`. */
export function solveQuadratic(equation: Equation, variable: string): SolveOutcome {
  const given = zeroProductFactors(equation, variable);
  if (given) return solveZeroProduct(given, variable);
  const steps: Step[] = [];
  let p = equation.lhs.poly!.sub(equation.rhs.poly!);
  const push = (text: string, state: string): void => {
    steps.push({ text: `${text}: ${state}`, state });
  };
  if (!equation.rhs.poly!.isZero) push('Bring every term to the left side', `${formatPolynomial(p)} = 0`);
  else {
    const verb = collectVerb(equation.lhs);
    if (verb) push(verb, `${formatPolynomial(p)} = 0`);
  }
  let [c, b, a] = p.coefficients(variable);
  if (a.s < 0n) {
    p = p.neg();
    [c, b, a] = [c.neg(), b.neg(), a.neg()];
    push('Multiply both sides by -1', `${formatPolynomial(p)} = 0`);
  }
  const roots = rationalRoots(a, b, c);
  if (roots) {
    const factored = formatFactored(factorise(p, variable), variable);
    if (factored !== formatPolynomial(p)) push(c.equals(0) ? `Take out the common factor ${variable}` : 'Factor the left side', `${factored} = 0`);
    const rest = solveZeroProduct(zeroProductFactors({ lhs: parseExpr(factored), rhs: parseExpr('0') }, variable)!, variable);
    return { ...rest, steps: [...steps, ...rest.steps] };
  }
  const discriminant = b.mul(b).sub(a.mul(c).mul(4));
  steps.push({ text: `Compute the discriminant: b^2 - 4ac = (${formatNumber(b)})^2 - 4*(${formatNumber(a)})*(${formatNumber(c)}) = ${formatNumber(discriminant)}` });
  if (discriminant.s < 0n) {
    steps.push({ text: `The discriminant is negative, so there is no real solution` });
    return { steps, answer: { [variable]: [] }, solutions: 'none' };
  }
  const [s, k] = squarePart(discriminant.n * discriminant.d);
  const centre = b.neg().div(a.mul(2));
  const m = q(s, discriminant.d).div(a.mul(2));
  const radical = formatRadical(m, k);
  const at = centre.equals(0) ? ['-' + radical, radical] : [`${formatNumber(centre)} - ${radical}`, `${formatNumber(centre)} + ${radical}`];
  push('Apply the quadratic formula x = (-b ± sqrt(b^2 - 4ac))/(2a)', `${variable} = ${at[0]} or ${variable} = ${at[1]}`);
  const spread = m.valueOf() * Math.sqrt(Number(k));
  return { steps, answer: { [variable]: [centre.valueOf() - spread, centre.valueOf() + spread] }, solutions: 'finite' };
}
