/**
 * Converts mathjs expression trees to polynomials: collected (`toPolynomial`) and as the raw terms a person
 * writes when distributing without collecting (`rawTerms`), which the step classifier uses to find a moved,
 * sign-flipped or lost term.
 */
import type { MathNode, OperatorNode, ConstantNode, SymbolNode, ParenthesisNode } from 'mathjs';
import { CONSTANTS, qFromNumber } from './engine.js';
import { Polynomial } from './polynomial.js';

/** Largest exponent expanded symbolically. */
const MAX_EXPONENT = 12;
/** Largest number of raw terms listed. */
const MAX_RAW_TERMS = 64;

function exponentOf(node: MathNode): number | undefined {
  const value = toPolynomial(node)?.constantValue;
  if (!value || value.d !== 1n || value.s < 0n || value.n > BigInt(MAX_EXPONENT)) return undefined;
  return Number(value.n);
}

/** The collected polynomial of `node`, or undefined when it is not a polynomial (functions, division by x, pi...). */
export function toPolynomial(node: MathNode): Polynomial | undefined {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as ConstantNode).value;
      return typeof value === 'number' && Number.isFinite(value) ? Polynomial.constant(qFromNumber(value)) : undefined;
    }
    case 'SymbolNode': {
      const name = (node as SymbolNode).name;
      return CONSTANTS.has(name) ? undefined : Polynomial.variable(name);
    }
    case 'ParenthesisNode':
      return toPolynomial((node as ParenthesisNode).content);
    case 'OperatorNode': {
      const { fn, args } = node as OperatorNode;
      const [a, b] = args.map(toPolynomial);
      if (!a || (args.length === 2 && !b)) return undefined;
      if (fn === 'unaryMinus') return a.neg();
      if (fn === 'unaryPlus') return a;
      if (!b) return undefined;
      if (fn === 'add') return a.add(b);
      if (fn === 'subtract') return a.sub(b);
      if (fn === 'multiply') return a.mul(b);
      if (fn === 'divide') {
        const divisor = b.constantValue;
        return divisor && !divisor.equals(0) ? a.scale(divisor.inverse()) : undefined;
      }
      if (fn === 'pow') {
        const exponent = exponentOf(args[1]);
        return exponent === undefined ? undefined : a.pow(exponent);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function product(a: Polynomial[], b: Polynomial[]): Polynomial[] | undefined {
  if (a.length * b.length > MAX_RAW_TERMS) return undefined;
  return a.flatMap((x) => b.map((y) => x.mul(y)));
}

/** The single-term polynomials of `node` distributed but not collected, e.g. `(x+1)(x-2)` -> x^2, -2x, x, -2. */
export function rawTerms(node: MathNode): Polynomial[] | undefined {
  if (node.type === 'ParenthesisNode') return rawTerms((node as ParenthesisNode).content);
  if (node.type !== 'OperatorNode') {
    const p = toPolynomial(node);
    return p ? [p] : undefined;
  }
  const { fn, args } = node as OperatorNode;
  const [a, b] = args.map(rawTerms);
  if (!a || (args.length === 2 && !b)) return undefined;
  switch (fn) {
    case 'unaryMinus': return a.map((t) => t.neg());
    case 'unaryPlus': return a;
    case 'add': return b && [...a, ...b];
    case 'subtract': return b && [...a, ...b.map((t) => t.neg())];
    case 'multiply': return b && product(a, b);
    case 'divide': {
      const divisor = toPolynomial(args[1])?.constantValue;
      return divisor && !divisor.equals(0) ? a.map((t) => t.scale(divisor.inverse())) : undefined;
    }
    case 'pow': {
      const exponent = exponentOf(args[1]);
      if (exponent === undefined) return undefined;
      let out: Polynomial[] | undefined = [Polynomial.constant(qFromNumber(1))];
      for (let i = 0; i < exponent && out; i++) out = product(out, a);
      return out;
    }
    default: return undefined;
  }
}
