/**
 * Parses a state of the work: an expression (`2x + 3x - 4`), an equation (`2x + 3 = 7`), a system of equations
 * joined by `,`, `;` or `and`, or alternatives joined by `or` (`x = -1 or x = 3`). Implicit multiplication
 * (`2x`, `3(x - 1)`, `x(x + 1)`), decimals and fractions are accepted; failures throw MathParseError.
 */
import type { FunctionNode, MathNode, SymbolNode } from 'mathjs';
import { FUNCTIONS, math } from './engine.js';
import { MathParseError } from './errors.js';
import { toPolynomial } from './to-polynomial.js';
import type { Polynomial } from './polynomial.js';

/** A parsed expression with its polynomial form when it has one. */
export interface Expr {
  readonly text: string;
  readonly node: MathNode;
  readonly poly: Polynomial | undefined;
}

/** `lhs = rhs`. */
export interface Equation {
  readonly lhs: Expr;
  readonly rhs: Expr;
}

/** A parsed state. */
export type State =
  | { readonly kind: 'expression'; readonly expr: Expr }
  | { readonly kind: 'equations'; readonly equations: readonly Equation[]; readonly join: 'and' | 'or' };

interface Piece { readonly text: string; readonly offset: number }

/** Splits at a separator that stands outside parentheses. */
function split(piece: Piece, separator: RegExp): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < piece.text.length; i++) {
    const c = piece.text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0) {
      const match = separator.exec(piece.text.slice(i));
      if (match?.index === 0) {
        out.push({ text: piece.text.slice(start, i), offset: piece.offset + start });
        start = i + match[0].length;
        i = start - 1;
      }
    }
  }
  out.push({ text: piece.text.slice(start), offset: piece.offset + start });
  return out;
}

/** Calls such as `x(x + 1)` whose name is not a function are products. */
function implicitProducts(node: MathNode): MathNode {
  return node.transform((n) => {
    if (n.type !== 'FunctionNode') return n;
    const call = n as FunctionNode;
    const name = (call.fn as SymbolNode).name;
    if (FUNCTIONS.has(name) || call.args.length !== 1) return n;
    return new math.OperatorNode('*', 'multiply', [new math.SymbolNode(name), new math.ParenthesisNode(implicitProducts(call.args[0]))], true);
  });
}

/** Parses one expression piece of `input`. */
export function parseExpr(input: string, piece: Piece = { text: input, offset: 0 }): Expr {
  const text = piece.text.trim();
  const lead = piece.text.length - piece.text.trimStart().length;
  if (text === '') throw new MathParseError(input, piece.offset + lead, 'an expression is expected');
  const bad = /[=<>!;:,[\]{}'"?@#$&|\\]/.exec(text);
  if (bad) throw new MathParseError(input, piece.offset + lead + bad.index, `unexpected '${bad[0]}'`);
  let node: MathNode;
  try {
    node = implicitProducts(math.parse(text));
  } catch (error) {
    const char = (error as { char?: number }).char;
    const reason = error instanceof Error ? error.message.replace(/\s*\(char \d+\)$/, '') : String(error);
    throw new MathParseError(input, piece.offset + lead + (typeof char === 'number' ? Math.max(char - 1, 0) : 0), reason);
  }
  return { text, node, poly: toPolynomial(node) };
}

function parseEquation(input: string, piece: Piece): Equation {
  const at = piece.text.indexOf('=');
  if (at < 0) throw new MathParseError(input, piece.offset, "an equation needs '='");
  const again = piece.text.indexOf('=', at + 1);
  if (again >= 0) throw new MathParseError(input, piece.offset + again, "more than one '='");
  return {
    lhs: parseExpr(input, { text: piece.text.slice(0, at), offset: piece.offset }),
    rhs: parseExpr(input, { text: piece.text.slice(at + 1), offset: piece.offset + at + 1 }),
  };
}

/** Replaces typographic operators with ASCII ones of the same length. */
function normalise(text: string): string {
  return text.replace(/[−–]/g, '-').replace(/[×·]/g, '*').replace(/÷/g, '/');
}

/** Parses a state; see the module comment for the accepted forms. */
export function parseState(input: string): State {
  const whole: Piece = { text: normalise(input), offset: 0 };
  const alternatives = split(whole, /^\s+or\s+/i);
  if (alternatives.length > 1) return { kind: 'equations', equations: alternatives.map((p) => parseEquation(input, p)), join: 'or' };
  const parts = split(whole, /^(?:\s*[,;]\s*|\s+and\s+)/i);
  if (parts.length === 1 && !whole.text.includes('=')) return { kind: 'expression', expr: parseExpr(input, whole) };
  return { kind: 'equations', equations: parts.map((p) => parseEquation(input, p)), join: 'and' };
}
