/**
 * Names what went wrong in a step that is not valid: a term moved without changing its sign (or a sign flipped),
 * a slip in multiplying out a bracket, an arithmetic slip, a lost term, or an illegal operation (one side divided
 * alone, both sides squared, a division or multiplication by an expression that can be zero).
 */
import { q } from './engine.js';
import { bracketSlips } from './expansion.js';
import { formatNumber, formatPolynomial } from './format.js';
import type { Equation, Expr } from './parse-state.js';
import { Polynomial } from './polynomial.js';
import { rawTerms } from './to-polynomial.js';
import type { StepErrorKind } from './types.js';
import { divideExactly, realRoots } from './univariate.js';

/** A classified mistake. */
export interface Diagnosis {
  readonly error: StepErrorKind;
  readonly message: string;
}

/** The terms of a side as written and as collected, each once. */
function termsOf(expr: Expr): Polynomial[] {
  const all = [...(rawTerms(expr.node) ?? []), ...expr.poly!.terms.map((t) => Polynomial.fromTerms([t]))];
  const seen = new Set<string>();
  return all.filter((t) => {
    const key = formatPolynomial(t);
    if (t.isZero || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function proportional(a: Polynomial, b: Polynomial): boolean {
  const ratio = a.ratioTo(b);
  return ratio !== undefined && !ratio.equals(0);
}

/** One side divided or multiplied by a number while the other side stayed. */
function oneSide(before: Equation, after: Equation): Diagnosis | undefined {
  const sides = [['left', before.lhs.poly!, after.lhs.poly!, before.rhs.poly!, after.rhs.poly!], ['right', before.rhs.poly!, after.rhs.poly!, before.lhs.poly!, after.lhs.poly!]] as const;
  for (const [name, changedBefore, changedAfter, keptBefore, keptAfter] of sides) {
    const k = changedBefore.ratioTo(changedAfter);
    if (!k || k.equals(1) || k.equals(0) || !keptBefore.equals(keptAfter) || changedAfter.isZero) continue;
    const verb = k.abs().compare(1) > 0 ? `divided only the ${name} side by ${formatNumber(k)}` : `multiplied only the ${name} side by ${formatNumber(k.inverse())}`;
    return { error: 'illegal-operation', message: `You ${verb}: do the same to both sides` };
  }
  return undefined;
}

/** Division or multiplication of both sides by an expression in the variable, or squaring both sides. */
function byExpression(before: Equation, pb: Polynomial, pa: Polynomial): Diagnosis | undefined {
  const squared = before.lhs.poly!.pow(2).sub(before.rhs.poly!.pow(2));
  if (!squared.isZero && proportional(pa, squared)) {
    return { error: 'illegal-operation', message: 'You squared both sides, which can add solutions that do not satisfy the equation' };
  }
  const variables = [...new Set([...pb.variables, ...pa.variables])];
  if (variables.length !== 1) return undefined;
  const [v] = variables;
  const zeros = (p: Polynomial): string => realRoots(p.coefficients(v).map((c) => c.valueOf())).map((r) => `${v} = ${+r.toFixed(6)}`).join(' or ');
  const divided = divideExactly(pb, pa, v);
  if (divided && divided.degree(v) > 0) {
    const lost = zeros(divided);
    return { error: 'illegal-operation', message: `You divided both sides by ${formatPolynomial(divided)}, which can be zero${lost ? `: the solution ${lost} is lost` : ''}` };
  }
  const multiplied = divideExactly(pa, pb, v);
  if (multiplied && multiplied.degree(v) > 0) {
    return { error: 'illegal-operation', message: `You multiplied both sides by ${formatPolynomial(multiplied)}, which can be zero: that adds solutions` };
  }
  return undefined;
}

/** A slip in multiplying out a bracket: the wrong term stays written on the side of the bracket. */
function expansionMistake(before: Equation, after: Equation, pb: Polynomial, pa: Polynomial): Diagnosis | undefined {
  const sides = [[before.lhs, after.lhs, 1], [before.rhs, after.rhs, -1]] as const;
  for (const [side, sideAfter, sign] of sides) {
    const written = rawTerms(sideAfter.node) ?? [];
    const slip = bracketSlips(side).find((s) => proportional(pa, pb.add(s.change.scale(q(sign)))) && written.some((w) => w.equals(s.written)));
    if (slip) return slip.diagnosis;
  }
  return undefined;
}

/** A term moved without changing sign or flipped where it stands (`pa ∝ pb ∓ 2t`), or lost (`pa ∝ pb ∓ t`). */
function termMistake(before: Equation, after: Equation, pb: Polynomial, pa: Polynomial): Diagnosis | undefined {
  const candidates = [...termsOf(before.lhs).map((t) => [t, 1] as const), ...termsOf(before.rhs).map((t) => [t, -1] as const)];
  for (const [t, side] of candidates) {
    if (proportional(pa, pb.sub(t.scale(q(2 * side))))) {
      const stayed = rawTerms((side > 0 ? after.lhs : after.rhs).node)?.some((w) => w.equals(t.neg()));
      return { error: 'sign', message: `The sign of ${formatPolynomial(t)} is wrong${stayed ? '' : ': a term that moves to the other side changes its sign'}` };
    }
  }
  for (const [t, side] of candidates) {
    if (proportional(pa, pb.sub(t.scale(q(side))))) return { error: 'lost-term', message: `The term ${formatPolynomial(t)} has been lost` };
  }
  return undefined;
}

/** Classifies a wrong step between two polynomial equations. */
export function classifyEquation(before: Equation, after: Equation): Diagnosis {
  const pb = before.lhs.poly!.sub(before.rhs.poly!);
  const pa = after.lhs.poly!.sub(after.rhs.poly!);
  const found = oneSide(before, after) ?? byExpression(before, pb, pa) ?? expansionMistake(before, after, pb, pa) ?? termMistake(before, after, pb, pa);
  if (found) return found;
  const [v, more] = [...new Set([...pb.variables, ...pa.variables])];
  if (v !== undefined && more === undefined && pb.degree(v) === 1 && pa.degree(v) === 1) {
    const [rb, ra] = [pb.coefficients(v), pa.coefficients(v)].map(([c0, c1]) => c0.neg().div(c1));
    if (ra.equals(rb.neg())) return { error: 'sign', message: `This gives ${v} = ${formatNumber(ra)}, but the sign is wrong: ${v} = ${formatNumber(rb)}` };
    return { error: 'arithmetic', message: `Check the arithmetic: this gives ${v} = ${formatNumber(ra)}, but the equation before gives ${v} = ${formatNumber(rb)}` };
  }
  const sameShape = pb.variables.join() === pa.variables.join() && pb.degree() === pa.degree();
  return sameShape
    ? { error: 'arithmetic', message: 'Check the arithmetic: a coefficient or constant is wrong' }
    : { error: 'not-equivalent', message: 'The new equation does not have the same solutions' };
}

/** Classifies a wrong rewrite of a polynomial expression (`expected` is what it should equal). */
export function classifyExpression(expected: Expr, after: Expr): Diagnosis {
  const [pb, pa] = [expected.poly, after.poly];
  if (!pb || !pa) return { error: 'not-equivalent', message: 'The new expression is not equal to the one before' };
  const difference = pa.sub(pb);
  const slip = bracketSlips(expected).find((s) => difference.equals(s.change));
  if (slip) return slip.diagnosis;
  for (const t of termsOf(expected)) {
    if (difference.equals(t.scale(q(-2)))) return { error: 'sign', message: `The sign of ${formatPolynomial(t)} is wrong` };
  }
  for (const t of termsOf(expected)) {
    if (difference.equals(t.neg())) return { error: 'lost-term', message: `The term ${formatPolynomial(t)} has been lost` };
  }
  const sameShape = pb.variables.join() === pa.variables.join() && pb.degree() === pa.degree();
  return sameShape
    ? { error: 'arithmetic', message: 'Check the arithmetic: a coefficient or constant is wrong' }
    : { error: 'not-equivalent', message: 'The new expression is not equal to the one before' };
}
