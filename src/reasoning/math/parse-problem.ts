/**
 * Reads a problem written as text: an optional command (`solve`, `simplify`, `expand`, `factor`,
 * `derivative of`, `differentiate`, `d/dx`), the maths, and an optional `for x` / `with respect to x`.
 * Without a command an equation is solved and an expression simplified.
 */
import { MathParseError } from './errors.js';
import { parseState, type State } from './parse-state.js';
import type { MathGoal } from './types.js';

/** A parsed problem. */
export interface Problem {
  readonly goal: MathGoal;
  /** The maths without the command words. */
  readonly body: string;
  readonly state: State;
  /** The variable named by `for`, `with respect to` or `d/dv`, if any. */
  readonly variable?: string;
}

const COMMANDS: readonly (readonly [RegExp, MathGoal])[] = [
  [/^\s*(?:solve|find)\b\s*(?:for\s+[a-z]\w*\s*:\s*)?/i, 'solve'],
  [/^\s*simplify\b\s*/i, 'simplify'],
  [/^\s*(?:expand|multiply out)\b\s*/i, 'expand'],
  [/^\s*(?:factor|factorise|factorize)\b\s*/i, 'factor'],
  [/^\s*(?:(?:the\s+)?derivative\s+of|differentiate)\b\s*/i, 'derivative'],
  [/^\s*d\/d([a-z])\b\s*/i, 'derivative'],
];

const VARIABLE_SUFFIX = /\s+(?:for|with respect to|wrt)\s+([a-z]\w*)\s*$/i;

/** Parses `input`; throws MathParseError with a position in `input` when the maths is malformed. */
export function parseProblem(input: string): Problem {
  let goal: MathGoal | undefined;
  let offset = 0;
  let variable: string | undefined;
  for (const [pattern, g] of COMMANDS) {
    const match = pattern.exec(input);
    if (!match) continue;
    goal = g;
    offset = match[0].length;
    variable = match[1];
    break;
  }
  let body = input.slice(offset);
  const suffix = VARIABLE_SUFFIX.exec(body);
  if (suffix) {
    variable = suffix[1];
    body = body.slice(0, suffix.index);
  }
  if (body.trim() === '') throw new MathParseError(input, input.length, 'the maths is missing');
  let state: State;
  try {
    state = parseState(body);
  } catch (error) {
    if (error instanceof MathParseError) throw new MathParseError(input, offset + error.position, error.reason);
    throw error;
  }
  return { goal: goal ?? (state.kind === 'expression' ? 'simplify' : 'solve'), body: body.trim(), state, ...(variable ? { variable } : {}) };
}
