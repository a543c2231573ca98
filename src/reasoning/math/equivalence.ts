/**
 * Equivalence tests: expressions (symbolically as polynomials, otherwise by evaluation at fixed sample points),
 * equations (proportional sides, or the same real solution set) and systems (same row space of the augmented
 * matrix, or both inconsistent).
 */
import type { MathNode } from 'mathjs';
import type { Equation, Expr } from './parse-state.js';
import type { Polynomial } from './polynomial.js';
import { rank, toRows } from './system.js';
import { realRoots } from './univariate.js';

/** Sample values for numeric checks: irregular, so that accidental agreement is unlikely. */
const SAMPLES = [0.7310, -1.2918, 2.4477, -0.3391, 1.8562, 3.1203, -2.6645];

/** The variables (symbols other than known constants and function names) of a tree. */
export function symbolsOf(node: MathNode): string[] {
  const names = node.filter((n) => n.type === 'SymbolNode').map((n) => (n as unknown as { name: string }).name);
  const calls = new Set(node.filter((n) => n.type === 'FunctionNode').map((n) => (n as unknown as { fn: { name: string } }).fn.name));
  return [...new Set(names.filter((n) => !calls.has(n) && n !== 'pi' && n !== 'e'))].sort();
}

/** Values of `node` at the sample points over `variables` (NaN where undefined or complex). */
function sampleValues(node: MathNode, variables: readonly string[]): number[] {
  const compiled = node.compile();
  return SAMPLES.map((_, i) => {
    const scope = Object.fromEntries(variables.map((v, j) => [v, SAMPLES[(i + j * 3) % SAMPLES.length] + j * 0.173]));
    try {
      const value: unknown = compiled.evaluate(scope);
      return typeof value === 'number' ? value : NaN;
    } catch {
      return NaN;
    }
  });
}

/** The value of a tree without variables (`1 - sqrt(2)`), or undefined when it is not a finite real number. */
export function numericValue(node: MathNode): number | undefined {
  const [value] = sampleValues(node, []);
  return Number.isFinite(value) ? value : undefined;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 * (1 + Math.abs(a) + Math.abs(b));
}

/** True when two expressions are equal: exactly for polynomials, at every defined sample point otherwise. */
export function sameExpression(a: Expr, b: Expr): boolean {
  if (a.poly && b.poly) return a.poly.equals(b.poly);
  const variables = [...new Set([...symbolsOf(a.node), ...symbolsOf(b.node)])];
  const [va, vb] = [sampleValues(a.node, variables), sampleValues(b.node, variables)];
  const defined = va.map((v, i) => [v, vb[i]] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  return defined.length >= 3 && defined.every(([x, y]) => close(x, y));
}

/** `lhs - rhs` of an equation when both sides are polynomials. */
export function difference(e: Equation): Polynomial | undefined {
  return e.lhs.poly && e.rhs.poly ? e.lhs.poly.sub(e.rhs.poly) : undefined;
}

/** The real solution set of a one-variable equation: roots ascending, `'all'`, or undefined when unknown. */
export function solutionSet(e: Equation): number[] | 'all' | undefined {
  const p = difference(e);
  if (p) {
    if (p.isZero) return 'all';
    const [v, more] = p.variables;
    if (more !== undefined) return undefined;
    return v === undefined ? [] : realRoots(p.coefficients(v).map((c) => c.valueOf()));
  }
  for (const [side, other] of [[e.lhs, e.rhs], [e.rhs, e.lhs]] as const) {
    if (side.node.type === 'SymbolNode' && symbolsOf(other.node).length === 0) {
      const value = numericValue(other.node);
      return value === undefined ? [] : [value];
    }
  }
  return undefined;
}

/** The solution set of alternatives (`x = 1 or x = 2`): the union, or undefined when one is unknown. */
export function unionSet(equations: readonly Equation[]): number[] | 'all' | undefined {
  const sets = equations.map(solutionSet);
  if (sets.some((s) => s === undefined)) return undefined;
  if (sets.includes('all')) return 'all';
  return (sets as number[][]).flat().sort((a, b) => a - b).filter((r, i, all) => i === 0 || !close(r, all[i - 1]));
}

/** True when two solution sets are equal. */
export function sameSet(a: number[] | 'all', b: number[] | 'all'): boolean {
  if (a === 'all' || b === 'all') return a === b;
  return a.length === b.length && a.every((x, i) => close(x, b[i]));
}

/** True when two sets of linear equations have the same solutions. */
export function sameSystem(before: readonly Equation[], after: readonly Equation[], variables: readonly string[]): boolean {
  const [b, a] = [toRows(before, variables), toRows(after, variables)];
  const consistent = (rows: typeof b): boolean => rank(rows, false) === rank(rows, true);
  if (!consistent(b) || !consistent(a)) return consistent(b) === consistent(a);
  const r = rank(b, true);
  return r === rank(a, true) && r === rank([...b, ...a], true);
}

/** True when two non-polynomial equations have proportional `lhs - rhs` at every defined sample point. */
export function proportionalNumerically(before: Equation, after: Equation): boolean {
  const variables = [...new Set([before, after].flatMap((e) => [...symbolsOf(e.lhs.node), ...symbolsOf(e.rhs.node)]))];
  const values = (e: Equation): number[] => {
    const [l, r] = [sampleValues(e.lhs.node, variables), sampleValues(e.rhs.node, variables)];
    return l.map((x, i) => x - r[i]);
  };
  const [vb, va] = [values(before), values(after)];
  const pairs = vb.map((x, i) => [x, va[i]] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const base = pairs.find(([x]) => Math.abs(x) > 1e-9);
  if (pairs.length < 3 || !base) return false;
  const ratio = base[1] / base[0];
  return ratio !== 0 && pairs.every(([x, y]) => close(y, ratio * x));
}
