import type { ActionBuffers } from './action-spec.js';

/**
 * A human's correction of a collaborator, as given to {@link CollaboratorBehavior.feedback}.
 * Only `humanAction` is required: the observation and the AI's action default to the collaborator's last ones.
 */
export interface Feedback {
  /** What the human would have done (H_i). */
  humanAction: ActionBuffers;
  /** The observation the correction is about; defaults to the collaborator's last observation. */
  observation?: Float32Array;
  /** What the collaborator did (A_i); defaults to its last decision. */
  aiAction?: ActionBuffers;
  /** How much the correction counts when learning. @default 1 */
  weight?: number;
  /** When it was given, in ms (performance.now() clock). @default now */
  time?: number;
}

/**
 * A recorded correction: complete, validated and owned (copies, never views of live buffers).
 * This is the unit of online learning: minimise sum ||A_i - H_i||^2 over the records.
 */
export interface FeedbackRecord {
  /** The collaborator's observation, sensors concatenated in name order. */
  readonly observation: Float32Array;
  /** What the collaborator did (A_i). */
  readonly aiAction: ActionBuffers;
  /** What the human would have done (H_i). */
  readonly humanAction: ActionBuffers;
  /** Weight for learning, > 0. */
  readonly weight: number;
  /** When it was given, in ms (performance.now() clock). */
  readonly time: number;
}
