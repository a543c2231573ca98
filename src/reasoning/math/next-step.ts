/** The collaborator's next move from a state: the first steps of its own solution, up to the first new state. */
import { parseProblem } from './parse-problem.js';
import { work } from './solve.js';

/** A move: what the collaborator says and the state it leads to (absent when it only concludes). */
export interface Move {
  readonly text: string;
  readonly state?: string;
}

/**
 * The next move from `current`, a state optionally led by a command (`factor x^2 - 1`); undefined when the
 * state is already solved or in its final form. Remarks before the first new state are joined into its text.
 */
export function nextMove(current: string): Move | undefined {
  const { steps } = work(parseProblem(current), current);
  if (steps.length === 0) return undefined;
  const k = steps.findIndex((s) => s.state !== undefined);
  const taken = k < 0 ? steps : steps.slice(0, k + 1);
  const text = taken.map((s) => s.text).join('. ');
  return k < 0 ? { text } : { text, state: steps[k].state! };
}
