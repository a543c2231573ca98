/**
 * Systems of linear equations (two or three, or more, unknowns) by elimination and back substitution, with
 * exact fractions; no solution and infinitely many solutions are reported as such.
 */
import type { Fraction } from 'mathjs';
import { formatEquation, formatNumber } from './format.js';
import type { SolveOutcome } from './linear.js';
import type { Equation } from './parse-state.js';
import { Polynomial } from './polynomial.js';
import type { Step } from './types.js';

/** One equation `sum coefficients[i] * variables[i] = constant`. */
export interface Row {
  readonly coefficients: readonly Fraction[];
  readonly constant: Fraction;
}

/** Rows of linear equations over `variables`; every equation must be linear with polynomial sides. */
export function toRows(equations: readonly Equation[], variables: readonly string[]): Row[] {
  return equations.map(({ lhs, rhs }) => {
    const p = lhs.poly!.sub(rhs.poly!);
    return { coefficients: variables.map((v) => p.coefficientOf(v)), constant: p.constantTerm.neg() };
  });
}

function formatRow(row: Row, variables: readonly string[]): string {
  const lhs = Polynomial.fromTerms(row.coefficients.map((c, i) => ({ coefficient: c, powers: [[variables[i], 1] as const] })));
  return formatEquation(lhs, Polynomial.constant(row.constant));
}

function combine(target: Row, source: Row, factor: Fraction): Row {
  return {
    coefficients: target.coefficients.map((c, i) => c.sub(source.coefficients[i].mul(factor))),
    constant: target.constant.sub(source.constant.mul(factor)),
  };
}

function scaleRow(row: Row, factor: Fraction): Row {
  return { coefficients: row.coefficients.map((c) => c.mul(factor)), constant: row.constant.mul(factor) };
}

function times(f: Fraction, i: number): string {
  return `${f.equals(1) ? '' : `${formatNumber(f)} times `}equation ${i + 1}`;
}

/** The rank of `rows` (augmented with their constants when `augmented`). */
export function rank(rows: readonly Row[], augmented: boolean): number {
  const m = rows.map((r) => (augmented ? [...r.coefficients, r.constant] : [...r.coefficients]));
  let r = 0;
  for (let col = 0; col < (m[0]?.length ?? 0) && r < m.length; col++) {
    const pivot = m.findIndex((row, i) => i >= r && !row[col].equals(0));
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = r + 1; i < m.length; i++) {
      const f = m[i][col].div(m[r][col]);
      m[i] = m[i].map((v, j) => v.sub(m[r][j].mul(f)));
    }
    r++;
  }
  return r;
}

/** Solves the linear system `equations` in `variables` (sorted). */
export function solveSystem(equations: readonly Equation[], variables: readonly string[], original: string): SolveOutcome {
  const steps: Step[] = [];
  let rows = toRows(equations, variables);
  const state = (): string => rows.map((r) => formatRow(r, variables)).join('; ');
  const push = (text: string, changed?: number): void => {
    const s = state();
    steps.push({ text: `${text}: ${changed === undefined ? s : formatRow(rows[changed], variables)}`, state: s });
  };
  const compact = (t: string): string => t.replace(/\s|\*(?=[a-z])/gi, '').replace(/,/g, ';');
  if (compact(state()) !== compact(original)) push('Write each equation in standard form');
  const pivots: number[] = [];
  for (let col = 0, r = 0; col < variables.length && r < rows.length; col++) {
    const pivot = rows.findIndex((row, i) => i >= r && !row.coefficients[col].equals(0));
    if (pivot < 0) continue;
    if (pivot !== r) {
      rows = rows.map((row, i) => (i === r ? rows[pivot] : i === pivot ? rows[r] : row));
      push(`Swap equations ${r + 1} and ${pivot + 1}`);
    }
    for (let i = r + 1; i < rows.length; i++) {
      const f = rows[i].coefficients[col].div(rows[r].coefficients[col]);
      if (f.equals(0)) continue;
      rows = rows.map((row, j) => (j === i ? combine(row, rows[r], f) : row));
      push(f.s < 0n ? `Add ${times(f.neg(), r)} to equation ${i + 1}` : `Subtract ${times(f, r)} from equation ${i + 1}`, i);
    }
    pivots.push(col);
    r++;
  }
  const contradiction = rows.findIndex((row) => row.coefficients.every((c) => c.equals(0)) && !row.constant.equals(0));
  if (contradiction >= 0) {
    steps.push({ text: `Equation ${contradiction + 1} reads 0 = ${formatNumber(rows[contradiction].constant)}, which is never true: the system has no solution` });
    return { steps, answer: {}, solutions: 'none' };
  }
  if (pivots.length < variables.length) {
    steps.push({ text: `Only ${pivots.length} of the equations are independent, for ${variables.length} unknowns: there are infinitely many solutions` });
    return { steps, answer: {}, solutions: 'infinite' };
  }
  if (rows.length > pivots.length) {
    rows = rows.slice(0, pivots.length);
    push('Drop the equations that read 0 = 0');
  }
  for (let i = rows.length - 1; i >= 0; i--) {
    const a = rows[i].coefficients[pivots[i]];
    if (!a.equals(1)) {
      rows = rows.map((row, j) => (j === i ? scaleRow(row, a.inverse()) : row));
      const verb = a.equals(-1) ? `Multiply equation ${i + 1} by -1` : a.d === 1n ? `Divide equation ${i + 1} by ${formatNumber(a)}` : `Multiply equation ${i + 1} by ${formatNumber(a.inverse())}`;
      push(verb, i);
    }
    for (let k = i - 1; k >= 0; k--) {
      const f = rows[k].coefficients[pivots[i]];
      if (f.equals(0)) continue;
      rows = rows.map((row, j) => (j === k ? combine(row, rows[i], f) : row));
      push(`Substitute ${formatRow(rows[i], variables)} into equation ${k + 1}`, k);
    }
  }
  return { steps, answer: Object.fromEntries(variables.map((v, i) => [v, rows[i].constant.valueOf()])), solutions: 'finite' };
}
