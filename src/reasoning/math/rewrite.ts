/** Simplify and expand: collecting like terms and multiplying out brackets, step by step. */
import type { MathNode } from 'mathjs';
import { math } from './engine.js';
import { formatPolynomial, formatRaw } from './format.js';
import type { Expr } from './parse-state.js';
import { rawTerms } from './to-polynomial.js';
import type { Step } from './types.js';

function hasBrackets(node: MathNode): boolean {
  return node.filter((n) => n.type === 'ParenthesisNode').length > 0;
}

/** The verb of the step that writes `expr` as a collected polynomial, or undefined when it already is one. */
export function collectVerb(expr: Expr): string | undefined {
  if (!expr.poly) return undefined;
  const raw = rawTerms(expr.node)?.filter((t) => !t.isZero);
  const uncollected = !raw || raw.length !== expr.poly.terms.length;
  if (hasBrackets(expr.node)) return uncollected ? 'Expand and combine like terms' : 'Expand the brackets';
  if (uncollected) return 'Combine like terms';
  return formatPolynomial(expr.poly).replace(/\s/g, '') === expr.text.replace(/\s|\*(?=[a-z])/gi, '') ? undefined : 'Rewrite in standard form';
}

/** Steps of `simplify` (and `expand` when `expand` is true); the result is the last state or the input. */
export function rewriteSteps(expr: Expr, expand: boolean): Step[] {
  if (!expr.poly) {
    const simplified = math.simplify(expr.node).toString({ implicit: 'hide' });
    return simplified === expr.node.toString({ implicit: 'hide' }) ? [] : [{ text: `Simplify: ${simplified}`, state: simplified }];
  }
  const collected = formatPolynomial(expr.poly);
  const raw = rawTerms(expr.node)?.filter((t) => !t.isZero);
  const steps: Step[] = [];
  if (raw && hasBrackets(expr.node) && (expand || raw.length !== expr.poly.terms.length)) {
    const distributed = formatRaw(raw);
    if (distributed !== collected) steps.push({ text: `Multiply out the brackets: ${distributed}`, state: distributed });
  }
  if (collectVerb(expr) !== undefined || steps.length > 0) steps.push({ text: `${steps.length > 0 ? 'Combine like terms' : collectVerb(expr)}: ${collected}`, state: collected });
  return steps;
}
