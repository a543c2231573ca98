/**
 * The piece: a 16-step loop with one note (of 8 pitches of the C major scale) per step at most, and the order in
 * which the notes were placed. The collaborator thinks in intervals from the last note placed: a move of
 * 0..15 steps forward and 0..7 scale degrees up (both wrapping round the grid), so any cell is one move away.
 */
import { ActionSpec, type ActionBuffers } from 'babylon-collaborator';

/** Steps of the loop (columns of the grid). */
export const STEPS = 16;
/** Pitches, the C major scale from C4 to C5 (rows of the grid). */
export const PITCHES = 8;
/** The pitches' names, lowest first. */
export const PITCH_NAMES = ['C4', 'D4', 'E4', 'F4', 'G4', 'A4', 'B4', 'C5'];
/** A move: branch 0 the steps forward, branch 1 the scale degrees up (mod 8). */
export const MOVES = ActionSpec.discrete([STEPS, PITCHES]);
/** Moves the observation remembers, newest first. */
const REMEMBERED = 2;
/** The observation: each remembered move one-hot (steps, then degrees), then the last pitch in [0, 1]. */
export const OBSERVATION_SIZE = REMEMBERED * (STEPS + PITCHES) + 1;
const INTERVALS = ['a repeat', 'a step', 'a third', 'a fourth', 'a fifth'];

/** A cell of the grid. */
export interface Note {
  readonly step: number;
  readonly pitch: number;
}

/** The notes of the loop and the order they were placed in. */
export class Melody {
  /** The pitch at each step, or null for a rest. */
  readonly pitches: (number | null)[] = new Array<number | null>(STEPS).fill(null);
  private readonly order: Note[] = [];

  constructor(opening: readonly Note[]) {
    for (const note of opening) this.place(note);
  }

  /** The notes in the order they were placed (the newest 64). */
  get history(): readonly Note[] {
    return this.order;
  }

  /** The last note placed. */
  get last(): Note {
    return this.order[this.order.length - 1];
  }

  /** Places `note`, replacing the note at its step. */
  place(note: Note): void {
    this.pitches[note.step] = note.pitch;
    this.order.push(note);
    if (this.order.length > 64) this.order.shift();
  }

  /** The cell `move` leads to from the last note. */
  after(move: ActionBuffers): Note {
    const { step, pitch } = this.last;
    return { step: (step + move.discrete[0]) % STEPS, pitch: (pitch + move.discrete[1]) % PITCHES };
  }

  /** The move from the last note to `note`. */
  moveTo(note: Note): ActionBuffers {
    return this.moveBetween(this.last, note);
  }

  /** Writes the observation ({@link OBSERVATION_SIZE} floats) into `out`, which is zeroed. */
  observe(out: Float32Array): void {
    const n = this.order.length;
    for (let k = 0; k < REMEMBERED && n - k >= 2; k++) {
      const move = this.moveBetween(this.order[n - k - 2], this.order[n - k - 1]);
      const at = k * (STEPS + PITCHES);
      out[at + move.discrete[0]] = 1;
      out[at + STEPS + move.discrete[1]] = 1;
    }
    out[OBSERVATION_SIZE - 1] = this.last.pitch / (PITCHES - 1);
  }

  /** How a person would say `move`, e.g. "up a third". */
  static describe(move: ActionBuffers): string {
    const degrees = move.discrete[1] > PITCHES / 2 ? move.discrete[1] - PITCHES : move.discrete[1];
    const name = degrees === 0 ? INTERVALS[0] : `${degrees > 0 ? 'up' : 'down'} ${INTERVALS[Math.abs(degrees)]}`;
    const steps = move.discrete[0];
    return `${name}, ${steps === 1 ? 'on the next step' : `${steps} steps on`}`;
  }

  private moveBetween(from: Note, to: Note): ActionBuffers {
    const move = MOVES.createBuffers();
    move.discrete[0] = (to.step - from.step + STEPS) % STEPS;
    move.discrete[1] = (to.pitch - from.pitch + PITCHES) % PITCHES;
    return move;
  }
}
