/**
 * Slips made while multiplying out a bracket by one term (`2(x + 3)`, `5 - 2(x - 3)`, `-(x - 1)`, `x(x + 3)`):
 * a term of the expansion written with the wrong sign, or a term inside left unmultiplied. The step classifier
 * tells them apart from a term moved to the other side without changing its sign.
 */
import type { MathNode, OperatorNode, ParenthesisNode } from 'mathjs';
import type { Diagnosis } from './classify.js';
import { q } from './engine.js';
import { formatPolynomial, formatRaw } from './format.js';
import type { Expr } from './parse-state.js';
import { Polynomial } from './polynomial.js';
import { rawTerms, toPolynomial } from './to-polynomial.js';

/** One wrong way to multiply out a term of a bracket. */
export interface Slip {
  /** What the slip adds to the value of the side it is made on. */
  readonly change: Polynomial;
  /** The wrong term as it is written on that side. */
  readonly written: Polynomial;
  readonly diagnosis: Diagnosis;
}

/** A bracket multiplied by the signed single term `factor`. */
interface Bracket {
  readonly factor: Polynomial;
  /** The terms inside, as written. */
  readonly inside: readonly Polynomial[];
}

/** The terms of a parenthesised sum, or undefined when `node` is not one. */
function sumInside(node: MathNode): Polynomial[] | undefined {
  if (node.type !== 'ParenthesisNode') return undefined;
  const content = (node as ParenthesisNode).content;
  const isSum = content.type === 'OperatorNode' && ['add', 'subtract'].includes((content as OperatorNode).fn);
  return isSum ? rawTerms(content)?.filter((t) => !t.isZero) : undefined;
}

/** The brackets multiplied by one term among the terms of the sum `node`, whose sign is `sign`. */
function brackets(node: MathNode, sign: Polynomial): Bracket[] {
  if (node.type === 'ParenthesisNode') return brackets((node as ParenthesisNode).content, sign);
  if (node.type !== 'OperatorNode') return [];
  const { fn, args } = node as OperatorNode;
  if (fn === 'add') return [...brackets(args[0], sign), ...brackets(args[1], sign)];
  if (fn === 'subtract') return [...brackets(args[0], sign), ...brackets(args[1], sign.neg())];
  if (fn === 'unaryPlus') return brackets(args[0], sign);
  if (fn === 'unaryMinus') {
    const inside = sumInside(args[0]);
    return inside ? [{ factor: sign.neg(), inside }] : brackets(args[0], sign.neg());
  }
  if (fn !== 'multiply') return [];
  for (const [outside, bracket] of [[args[0], args[1]], [args[1], args[0]]]) {
    const [k, inside] = [toPolynomial(outside), sumInside(bracket)];
    if (k && inside && k.terms.length === 1) return [{ factor: k.mul(sign), inside }];
  }
  return [];
}

/** The slips that can be made in multiplying out each bracket of `expr` that is multiplied by one term. */
export function bracketSlips(expr: Expr): Slip[] {
  return brackets(expr.node, Polynomial.constant(q(1))).flatMap(({ factor, inside }) => {
    const expanded = inside.map((t) => t.mul(factor));
    const k = formatPolynomial(factor);
    const lead = factor.constantValue?.equals(1) ? '' : factor.constantValue?.equals(-1) ? '-' : k;
    const advice = `when expanding ${lead}(${formatRaw(inside)}), multiply every term inside by ${k}: ${formatRaw(expanded)}`;
    return inside.flatMap((t, i) => {
      const e = expanded[i];
      const flipped: Slip = { change: e.scale(q(-2)), written: e.neg(), diagnosis: { error: 'sign', message: `The sign of ${formatPolynomial(e)} is wrong: ${advice}` } };
      if (t.equals(e) || t.equals(e.neg())) return [flipped];
      return [flipped, { change: t.sub(e), written: t, diagnosis: { error: 'arithmetic', message: `The term ${formatPolynomial(t)} was not multiplied by ${k}: ${advice}` } }];
    });
  });
}
