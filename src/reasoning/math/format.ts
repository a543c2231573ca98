/**
 * Writes polynomials, numbers and equations the way a tutor does (`2x^2 - x/2 + 3`), in a form the state parser
 * reads back: fractions as `3x/2`, products of variables as `x*y`.
 */
import type { Fraction } from 'mathjs';
import { Polynomial, type Powers, type Term } from './polynomial.js';

/** A rational number: `3`, `-7/2`. */
export function formatNumber(value: Fraction): string {
  return value.toFraction();
}

function formatPowers(powers: Powers): string {
  return powers.map(([v, e]) => (e === 1 ? v : `${v}^${e}`)).join('*');
}

/** One term without its sign: `3x^2/2`, `x`, `5`. */
function formatMagnitude(term: Term): string {
  const c = term.coefficient.abs();
  const monomial = formatPowers(term.powers);
  if (!monomial) return formatNumber(c);
  const numerator = c.n === 1n ? monomial : `${c.n}${monomial}`;
  return c.d === 1n ? numerator : `${numerator}/${c.d}`;
}

/** One term with its sign: `-2x`, `x/2`. */
export function formatTerm(term: Term): string {
  return `${term.coefficient.s < 0n ? '-' : ''}${formatMagnitude(term)}`;
}

/** Joins signed terms: `x^2 - 2x + x - 2`; an empty list is `0`. */
function formatTerms(terms: readonly Term[]): string {
  if (terms.length === 0) return '0';
  return terms.map((t, i) => {
    const negative = t.coefficient.s < 0n;
    if (i === 0) return formatTerm(t);
    return `${negative ? '-' : '+'} ${formatMagnitude(t)}`;
  }).join(' ');
}

/** A collected polynomial. */
export function formatPolynomial(p: Polynomial): string {
  return formatTerms(p.terms);
}

/** A single-term polynomial list written without collecting (raw terms). */
export function formatRaw(terms: readonly Polynomial[]): string {
  return formatTerms(terms.flatMap((t) => t.terms));
}

/** `lhs = rhs` from two polynomials. */
export function formatEquation(lhs: Polynomial, rhs: Polynomial): string {
  return `${formatPolynomial(lhs)} = ${formatPolynomial(rhs)}`;
}
