/**
 * Equations `product of factors = 0` (`(x - 2)(x - 3) = 0`, `2x(x + 3) = 0`, `(x - 3)^2 = 0`): each factor is
 * set equal to zero and the linear equations that gives are solved, instead of multiplying the product out.
 */
import type { MathNode, OperatorNode, ParenthesisNode } from 'mathjs';
import { solveLinearAlternatives } from './alternatives.js';
import { q } from './engine.js';
import { formatPolynomial } from './format.js';
import { solveLinear, type SolveOutcome } from './linear.js';
import { parseExpr, type Equation } from './parse-state.js';
import { Polynomial } from './polynomial.js';
import { toPolynomial } from './to-polynomial.js';

/** Largest power of a factor that is unfolded into repeated factors. */
const MAX_POWER = 12;

/** The factors of the product `node`, repeated for powers, constants included; undefined when one is not a polynomial. */
function factorsOf(node: MathNode): Polynomial[] | undefined {
  if (node.type === 'ParenthesisNode') return factorsOf((node as ParenthesisNode).content);
  if (node.type === 'OperatorNode') {
    const { fn, args } = node as OperatorNode;
    if (fn === 'multiply') {
      const [a, b] = args.map(factorsOf);
      return a && b && [...a, ...b];
    }
    if (fn === 'unaryMinus') {
      const a = factorsOf(args[0]);
      return a && [Polynomial.constant(q(-1)), ...a];
    }
    const right = args.length === 2 ? toPolynomial(args[1])?.constantValue : undefined;
    if (fn === 'divide' && right && !right.equals(0)) {
      const a = factorsOf(args[0]);
      return a && [...a, Polynomial.constant(right.inverse())];
    }
    if (fn === 'pow' && right && right.d === 1n && right.s > 0n && right.n <= BigInt(MAX_POWER)) {
      const a = factorsOf(args[0]);
      return a && Array.from({ length: Number(right.n) }, () => a).flat();
    }
  }
  const p = toPolynomial(node);
  return p && [p];
}

/**
 * The factors in `variable` of an equation that reads `product = 0` (either side zero) when the product has at
 * least two such factors (a power counts as repeated factors), each linear; undefined otherwise.
 */
export function zeroProductFactors(equation: Equation, variable: string): Polynomial[] | undefined {
  const side = equation.rhs.poly?.isZero ? equation.lhs : equation.lhs.poly?.isZero ? equation.rhs : undefined;
  const factors = side && factorsOf(side.node)?.filter((f) => f.degree(variable) > 0);
  return factors && factors.length >= 2 && factors.every((f) => f.degree() === 1) ? factors : undefined;
}

/** Solves `product of factors = 0` for linear `factors` in `variable`: each factor equal to zero, then each solved. */
export function solveZeroProduct(factors: readonly Polynomial[], variable: string): SolveOutcome {
  const distinct = factors.filter((f, i) => factors.findIndex((g) => g.ratioTo(f) !== undefined) === i);
  const state = distinct.map((f) => `${formatPolynomial(f)} = 0`).join(' or ');
  if (distinct.length > 1) {
    const rest = solveLinearAlternatives(distinct, variable);
    return { ...rest, steps: [{ text: `Set each factor equal to zero: ${state}`, state }, ...rest.steps] };
  }
  const rest = solveLinear({ lhs: parseExpr(formatPolynomial(distinct[0])), rhs: parseExpr('0') }, variable);
  const root = rest.answer[variable] as number;
  return { steps: [{ text: `The factor is squared, so there is one (double) root: ${state}`, state }, ...rest.steps], answer: { [variable]: [root] }, solutions: 'finite' };
}
