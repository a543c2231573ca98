import type { ActionBuffers, ActionSpec } from '../collaborator/action-spec.js';
import { SpecMismatchError } from '../collaborator/errors.js';
import type { Correction } from './proposal.js';

const NUMBER_LIST = /^\s*\[?\s*(-?\d*\.?\d+(e[-+]?\d+)?)(\s*[,;\s]\s*-?\d*\.?\d+(e[-+]?\d+)?)*\s*\]?\s*$/i;

function isActionBuffers(value: unknown): value is ActionBuffers {
  return typeof value === 'object' && value !== null && (value as ActionBuffers).continuous instanceof Float32Array &&
    (value as ActionBuffers).discrete instanceof Int32Array;
}

/**
 * Turns a human's correction of an action proposal into action buffers shaped like `proposed`: buffers are copied,
 * numbers (an array, or text such as "0.5, -1") fill the continuous actions then the discrete indices.
 * @throws SpecMismatchError when the sizes or values do not fit; TypeError when text holds no number list.
 */
export function toActions(correction: Correction, proposed: ActionBuffers, spec: ActionSpec | undefined, owner: string): ActionBuffers {
  let actions: ActionBuffers;
  if (isActionBuffers(correction)) {
    actions = { continuous: Float32Array.from(correction.continuous), discrete: Int32Array.from(correction.discrete) };
  } else {
    const numbers = typeof correction === 'string' ? parseNumbers(correction, owner)
      : typeof correction === 'number' ? [correction] : Array.from(correction as readonly number[]);
    const nc = proposed.continuous.length;
    const expected = nc + proposed.discrete.length;
    if (numbers.length !== expected) {
      throw new SpecMismatchError(`${owner}: the correction must hold ${expected} numbers (${nc} continuous, ${proposed.discrete.length} discrete), got ${numbers.length}`);
    }
    const discrete = numbers.slice(nc);
    if (!discrete.every(Number.isInteger)) throw new SpecMismatchError(`${owner}: discrete actions must be integers, got [${discrete.join(', ')}]`);
    actions = { continuous: Float32Array.from(numbers.slice(0, nc)), discrete: Int32Array.from(discrete) };
  }
  if (spec) spec.check(actions, `${owner}: correction`);
  else checkLike(actions, proposed, owner);
  return actions;
}

function parseNumbers(text: string, owner: string): number[] {
  if (!NUMBER_LIST.test(text)) throw new TypeError(`${owner}: a correction of actions must be numbers such as "0.5, -1", got '${text}'`);
  return text.replace(/[[\]]/g, ' ').split(/[\s,;]+/).filter(Boolean).map(Number);
}

function checkLike(actions: ActionBuffers, proposed: ActionBuffers, owner: string): void {
  if (actions.continuous.length !== proposed.continuous.length || actions.discrete.length !== proposed.discrete.length) {
    throw new SpecMismatchError(`${owner}: the correction has ${actions.continuous.length} continuous and ${actions.discrete.length} discrete actions; the proposal has ${proposed.continuous.length} and ${proposed.discrete.length}`);
  }
  if (!actions.continuous.every(Number.isFinite)) throw new SpecMismatchError(`${owner}: the correction's continuous actions must be finite`);
}
