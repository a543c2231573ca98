import type { ActionBuffers } from '../collaborator/action-spec.js';
import type { FeedbackRecord } from '../collaborator/feedback.js';

/** What a collaborator proposes: an action to take, a suggestion to the human, or an answer to a question. */
export type ProposalKind = 'action' | 'suggestion' | 'answer';

/** How the human gave an answer; recorded with it and shown in logs. */
export type AnswerChannel = 'gui' | 'text' | 'demonstration' | 'api';

/** The human's verdict on a proposal. */
export type Verdict = 'accepted' | 'rejected' | 'corrected';

/** Where a proposal stands: pending until the human answers it. */
export type ProposalStatus = 'pending' | Verdict;

/**
 * A human's correction: the actions they would have taken (for action proposals: {@link ActionBuffers}, an array
 * of numbers, continuous values then discrete indices, or text holding those numbers), or the right answer as text,
 * a number or numbers.
 */
export type Correction = ActionBuffers | string | number | readonly number[];

/** What {@link CollaborationSession.propose} takes. */
export interface ProposalInput {
  /** What is proposed. */
  kind: ProposalKind;
  /** What the human reads: a sentence describing the proposal. */
  content: string;
  /** The proposed actions (A_i); required for kind 'action', ignored otherwise. Copied. */
  actions?: ActionBuffers;
  /**
   * The observation the actions answer, for learning (kind 'action'). Copied.
   * @default the collaborator's last observation, when the session has a collaborator
   */
  observation?: Float32Array;
  /** A machine-readable value of an answer or suggestion (e.g. a solver's result), kept for the human's reference. */
  value?: unknown;
  /** The collaborator's confidence in [0, 1]. */
  confidence: number;
}

/** A proposal waiting for, or holding, the human's answer. Owned by the session: treat it as read-only. */
export interface Proposal {
  /** Unique within its session, from 1. */
  readonly id: number;
  /** What is proposed. */
  readonly kind: ProposalKind;
  /** What the human reads. */
  readonly content: string;
  /** A copy of the proposed actions (kind 'action'). */
  readonly actions?: ActionBuffers;
  /** A copy of the observation the actions answer (kind 'action', when known). */
  readonly observation?: Float32Array;
  /** The machine-readable value, as given. */
  readonly value?: unknown;
  /** The collaborator's confidence in [0, 1]. */
  readonly confidence: number;
  /** When it was proposed, on the session's clock (ms). */
  readonly time: number;
  /** Pending, or the verdict once answered. */
  readonly status: ProposalStatus;
}

/** The human's answer to a proposal, as notified on {@link CollaborationSession.onAnswerObservable}. */
export interface Answer {
  /** The proposal answered (its status is now the verdict). */
  readonly proposal: Proposal;
  /** Accepted, rejected or corrected. */
  readonly verdict: Verdict;
  /** How the human answered. */
  readonly via: AnswerChannel;
  /** When, on the session's clock (ms). */
  readonly time: number;
  /** Why the human rejected it, when they said. */
  readonly reason?: string;
  /** The human's correction, as given (verdict 'corrected'). */
  readonly correction?: Correction;
  /** What the human would do (H_i), for action proposals accepted (equal to A_i) or corrected. */
  readonly humanActions?: ActionBuffers;
  /** ||A_i - H_i||^2 when {@link humanActions} is known (see {@link squaredDistance}). */
  readonly squaredError?: number;
  /** The record sent to the collaborator's `feedback()`, when the session has a collaborator. */
  readonly feedback?: FeedbackRecord;
}

/**
 * ||A - H||^2 of two action buffers: the sum of squared differences of the continuous actions plus one for each
 * discrete branch where the choices differ (the squared distance of one-hot codes, halved).
 */
export function squaredDistance(a: ActionBuffers, h: ActionBuffers): number {
  let sum = 0;
  for (let i = 0; i < a.continuous.length; i++) sum += (a.continuous[i] - h.continuous[i]) ** 2;
  for (let i = 0; i < a.discrete.length; i++) if (a.discrete[i] !== h.discrete[i]) sum += 1;
  return sum;
}
