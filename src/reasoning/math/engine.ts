/**
 * The mathjs instance the reasoner uses, built from factory dependencies so that a bundler keeps only the
 * functions named here (parsing, symbolic derivative and simplify, compiling for numeric checks, fractions and
 * the elementary functions a problem may contain). `simplify` and `derivative` pull in most of mathjs' algebra
 * (roughly 150 kB minified), which is the price of symbolic derivatives; the rest of the reasoner works on its
 * own polynomials over exact fractions.
 */
import {
  absDependencies, compileDependencies, cosDependencies, create, derivativeDependencies, eDependencies,
  expDependencies, fractionDependencies, logDependencies, parseDependencies, piDependencies, simplifyDependencies,
  sinDependencies, sqrtDependencies, tanDependencies,
} from 'mathjs';
import type { Fraction } from 'mathjs';

/** The shared, immutable mathjs instance (no configuration is changed after creation). */
export const math = create({
  absDependencies, compileDependencies, cosDependencies, derivativeDependencies, eDependencies, expDependencies,
  fractionDependencies, logDependencies, parseDependencies, piDependencies, simplifyDependencies, sinDependencies,
  sqrtDependencies, tanDependencies,
});

/** Function names the parser keeps as calls; any other single-argument call such as `x(x + 1)` is a product. */
export const FUNCTIONS: ReadonlySet<string> = new Set(['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs']);

/** Constant names that are numbers, not variables. */
export const CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e']);

/** An exact rational from an integer pair or a finite decimal number. */
export function q(numerator: number | bigint, denominator: number | bigint = 1): Fraction {
  return new FractionClass(BigInt(numerator), BigInt(denominator));
}

/** mathjs' Fraction class (fraction.js), called directly to skip the typed-function dispatch of `math.fraction`. */
const FractionClass = (math as unknown as { Fraction: new (n: bigint, d: bigint) => Fraction }).Fraction;

/** An exact rational from a finite number (decimals such as 0.1 become 1/10). */
export function qFromNumber(value: number): Fraction {
  return Number.isInteger(value) ? q(value) : math.fraction(String(value));
}
