/**
 * Derivatives, step by step: term by term, naming the rule a tutor would use for each term (power, product,
 * quotient, chain rule); mathjs differentiates and simplifies terms that are not polynomials.
 */
import type { MathNode, OperatorNode, FunctionNode, ParenthesisNode } from 'mathjs';
import { math, q } from './engine.js';
import { formatPolynomial } from './format.js';
import { Polynomial } from './polynomial.js';
import { symbolsOf } from './equivalence.js';
import { toPolynomial } from './to-polynomial.js';
import type { Step } from './types.js';

/** d/dv of a polynomial. */
function differentiatePolynomial(p: Polynomial, variable: string): Polynomial {
  return Polynomial.fromTerms(p.terms.flatMap((t) => {
    const power = t.powers.find(([v]) => v === variable)?.[1] ?? 0;
    if (power === 0) return [];
    const powers = t.powers.map(([v, e]) => [v, v === variable ? e - 1 : e] as const).filter(([, e]) => e > 0);
    return [{ coefficient: t.coefficient.mul(q(power)), powers }];
  }));
}

function contains(node: MathNode, variable: string): boolean {
  return node.filter((n) => n.type === 'SymbolNode' && (n as unknown as { name: string }).name === variable).length > 0;
}

function unwrap(node: MathNode): MathNode {
  return node.type === 'ParenthesisNode' ? unwrap((node as ParenthesisNode).content) : node;
}

/** The top-level terms of a sum, with their signs. */
function splitTerms(node: MathNode, negative = false): { node: MathNode; negative: boolean }[] {
  const n = unwrap(node);
  if (n.type === 'OperatorNode') {
    const { fn, args } = n as OperatorNode;
    if (fn === 'add') return [...splitTerms(args[0], negative), ...splitTerms(args[1], negative)];
    if (fn === 'subtract') return [...splitTerms(args[0], negative), ...splitTerms(args[1], !negative)];
  }
  return [{ node, negative }];
}

function ruleFor(node: MathNode, variable: string): string {
  const n = unwrap(node);
  if (!contains(n, variable)) return 'The derivative of a constant is 0';
  if (toPolynomial(n)?.terms.length === 1) return 'Power rule';
  if (n.type === 'OperatorNode') {
    const { fn, args } = n as OperatorNode;
    if (fn === 'unaryMinus') return ruleFor(args[0], variable);
    const varying = args.filter((a) => contains(a, variable));
    if (fn === 'multiply') return varying.length === 2 ? 'Product rule' : ruleFor(varying[0], variable);
    if (fn === 'divide') return contains(args[1], variable) ? 'Quotient rule' : ruleFor(args[0], variable);
    if (fn === 'pow') return unwrap(args[0]).type === 'SymbolNode' && !contains(args[1], variable) ? 'Power rule' : 'Chain rule';
  }
  if (n.type === 'FunctionNode') return unwrap((n as FunctionNode).args[0]).type === 'SymbolNode' ? 'Standard derivative' : 'Chain rule';
  return 'Differentiate';
}

function derivativeText(node: MathNode, variable: string): string {
  const p = toPolynomial(node);
  if (p) return formatPolynomial(differentiatePolynomial(p, variable));
  return show(math.simplify(math.derivative(node, variable)));
}

/** mathjs' text, tightened: `x^2`, `2x * cos(x^2)`. */
function show(node: MathNode): string {
  const p = toPolynomial(node);
  return p ? formatPolynomial(p) : node.toString({ implicit: 'hide' }).replace(/ \^ /g, '^').replace(/(\d) \* ([a-z])/g, '$1$2');
}

/** The steps of `derivative of f`; the last step's state is f'. */
export function derivativeSteps(node: MathNode, variable: string): Step[] {
  const d = (n: MathNode): string => `d/d${variable}(${show(n)})`;
  const result = derivativeText(node, variable);
  const terms = splitTerms(node);
  if (terms.length === 1) return [{ text: `${ruleFor(node, variable)}: ${d(node)} = ${result}`, state: result }];
  const sum = terms.map((t, i) => `${t.negative ? (i === 0 ? '-' : ' - ') : i === 0 ? '' : ' + '}${d(t.node)}`).join('');
  return [
    { text: `Differentiate term by term: ${sum}` },
    ...terms.map((t) => ({ text: `${ruleFor(t.node, variable)}: ${d(t.node)} = ${derivativeText(t.node, variable)}` })),
    { text: `Add the results: ${result}`, state: result },
  ];
}

/** The variable to differentiate by: `given`, else x when present or nothing is, else the first symbol. */
export function derivativeVariable(node: MathNode, given?: string): string {
  if (given) return given;
  const symbols = symbolsOf(node);
  return symbols.includes('x') || symbols.length === 0 ? 'x' : symbols[0];
}
