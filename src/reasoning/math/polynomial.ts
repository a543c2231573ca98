/**
 * Multivariate polynomials with exact rational coefficients: the symbolic core of the reasoner.
 * A term is a coefficient times a monomial (variables with positive integer powers).
 */
import type { Fraction } from 'mathjs';
import { q } from './engine.js';

/** Variable powers of a monomial, sorted by variable name; empty for the constant monomial. */
export type Powers = readonly (readonly [string, number])[];

/** One term: `coefficient * monomial`. */
export interface Term {
  readonly coefficient: Fraction;
  readonly powers: Powers;
}

const ZERO = q(0);

function keyOf(powers: Powers): string {
  return powers.map(([v, e]) => `${v}^${e}`).join('*');
}

function multiplyPowers(a: Powers, b: Powers): Powers {
  const out = new Map<string, number>(a);
  for (const [v, e] of b) out.set(v, (out.get(v) ?? 0) + e);
  return [...out].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Total degree of a monomial. */
function degreeOf(powers: Powers): number {
  return powers.reduce((sum, [, e]) => sum + e, 0);
}

/** An immutable polynomial; the zero polynomial has no terms. */
export class Polynomial {
  private constructor(private readonly map: ReadonlyMap<string, Term>) {}

  /** The constant polynomial `value`. */
  static constant(value: Fraction): Polynomial {
    return Polynomial.fromTerms([{ coefficient: value, powers: [] }]);
  }

  /** The polynomial `name`. */
  static variable(name: string): Polynomial {
    return Polynomial.fromTerms([{ coefficient: q(1), powers: [[name, 1]] }]);
  }

  /** Sums terms, collecting like ones and dropping zeros. */
  static fromTerms(terms: Iterable<Term>): Polynomial {
    const map = new Map<string, Term>();
    for (const term of terms) {
      const key = keyOf(term.powers);
      const previous = map.get(key);
      map.set(key, { coefficient: previous ? previous.coefficient.add(term.coefficient) : term.coefficient, powers: term.powers });
    }
    for (const [key, term] of map) if (term.coefficient.equals(ZERO)) map.delete(key);
    return new Polynomial(map);
  }

  /** Terms ordered by total degree (highest first), then by variable name. */
  get terms(): Term[] {
    return [...this.map.values()].sort((a, b) => degreeOf(b.powers) - degreeOf(a.powers) || (keyOf(a.powers) < keyOf(b.powers) ? -1 : 1));
  }

  /** Variables that occur, sorted. */
  get variables(): string[] {
    return [...new Set([...this.map.values()].flatMap((t) => t.powers.map(([v]) => v)))].sort();
  }

  /** True for the zero polynomial. */
  get isZero(): boolean {
    return this.map.size === 0;
  }

  /** The value when the polynomial has no variables, otherwise undefined. */
  get constantValue(): Fraction | undefined {
    if (this.isZero) return ZERO;
    return this.map.size === 1 && this.map.has('') ? this.map.get('')!.coefficient : undefined;
  }

  /** The coefficient of the constant monomial (0 when absent). */
  get constantTerm(): Fraction {
    return this.map.get('')?.coefficient ?? ZERO;
  }

  /** Highest power of `variable` (or highest total degree without one); -1 for zero. */
  degree(variable?: string): number {
    let max = -1;
    for (const t of this.map.values()) {
      max = Math.max(max, variable === undefined ? degreeOf(t.powers) : (t.powers.find(([v]) => v === variable)?.[1] ?? 0));
    }
    return max;
  }

  /** Coefficients of a polynomial in at most one variable, lowest power first. */
  coefficients(variable: string): Fraction[] {
    const out = Array.from({ length: Math.max(this.degree(variable) + 1, 1) }, () => ZERO);
    for (const t of this.map.values()) {
      const power = t.powers.length === 0 ? 0 : t.powers[0][1];
      out[power] = out[power].add(t.coefficient);
    }
    return out;
  }

  /** The coefficient of the term `variable^1` (0 when absent). */
  coefficientOf(variable: string): Fraction {
    return this.map.get(keyOf([[variable, 1]]))?.coefficient ?? ZERO;
  }

  add(other: Polynomial): Polynomial {
    return Polynomial.fromTerms([...this.map.values(), ...other.map.values()]);
  }

  sub(other: Polynomial): Polynomial {
    return this.add(other.neg());
  }

  neg(): Polynomial {
    return this.scale(q(-1));
  }

  scale(factor: Fraction): Polynomial {
    return Polynomial.fromTerms([...this.map.values()].map((t) => ({ coefficient: t.coefficient.mul(factor), powers: t.powers })));
  }

  mul(other: Polynomial): Polynomial {
    const terms: Term[] = [];
    for (const a of this.map.values()) {
      for (const b of other.map.values()) terms.push({ coefficient: a.coefficient.mul(b.coefficient), powers: multiplyPowers(a.powers, b.powers) });
    }
    return Polynomial.fromTerms(terms);
  }

  pow(exponent: number): Polynomial {
    let out = Polynomial.constant(q(1));
    for (let i = 0; i < exponent; i++) out = out.mul(this);
    return out;
  }

  equals(other: Polynomial): boolean {
    return this.sub(other).isZero;
  }

  /** The constant c with `this = c * other` (c may be 0 only if this is zero); undefined when none. */
  ratioTo(other: Polynomial): Fraction | undefined {
    if (other.isZero) return undefined;
    const lead = other.terms[0];
    const mine = this.map.get(keyOf(lead.powers))?.coefficient ?? ZERO;
    const ratio = mine.div(lead.coefficient);
    return this.equals(other.scale(ratio)) ? ratio : undefined;
  }

  /** Numeric value at the given variable values (missing variables count as 0). */
  evaluate(values: Readonly<Record<string, number>>): number {
    let sum = 0;
    for (const t of this.map.values()) sum += t.coefficient.valueOf() * t.powers.reduce((p, [v, e]) => p * (values[v] ?? 0) ** e, 1);
    return sum;
  }
}
