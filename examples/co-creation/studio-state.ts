/** What the studio page exposes as `window.__collab`, for the console and test/browser/co-creation.test.ts. */
import { exposeCollabState, type CollabState } from '../shared/collab-state.js';
import type { Note } from './melody.js';

/** A point on the page, in CSS pixels. */
export interface PagePoint {
  x: number;
  y: number;
}

/** The studio's state. */
export interface StudioState extends CollabState {
  /** Notes placed so far, the opening motif included. */
  notes: number;
  /** Proposals the collaborator made. */
  proposals: number;
  /** Proposals accepted (Accept, or a click on the ghost). */
  accepted: number;
  /** Proposals corrected (a click on another cell, or a typed correction). */
  corrected: number;
  /** The session's agreement over its last 8 answers, in [0, 1]; 0 before the first answer. */
  agreement: number;
  /** Training steps the OnlineTrainer took. */
  trainingSteps: number;
  /** True while the Web Audio loop plays. */
  audioRunning: boolean;
  /** The notes in the order they were placed. */
  melody: readonly Note[];
  /** The cell of the proposal waiting for an answer, or null. */
  proposal: Note | null;
  /** Where the centre of a cell is on the page. */
  cellPoint(note: Note): PagePoint;
  /** Where the centre of one of the suggestion card's buttons is on the page. */
  buttonPoint(name: 'accept' | 'reject' | 'correct'): PagePoint;
}

/** Creates `window.__collab` for the studio; the scene fills in the helpers. */
export function exposeStudioState(helpers: Pick<StudioState, 'cellPoint' | 'buttonPoint'>): StudioState {
  return Object.assign(exposeCollabState(), {
    notes: 0, proposals: 0, accepted: 0, corrected: 0, agreement: 0, trainingSteps: 0, audioRunning: false,
    melody: [], proposal: null, ...helpers,
  });
}
