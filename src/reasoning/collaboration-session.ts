import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { ActionBuffers, ActionSpec } from '../collaborator/action-spec.js';
import type { Feedback, FeedbackRecord } from '../collaborator/feedback.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import { toActions } from './action-correction.js';
import {
  squaredDistance, type Answer, type AnswerChannel, type Correction, type Proposal, type ProposalInput,
  type ProposalKind, type Verdict,
} from './proposal.js';
import { interpretReply } from './reply.js';
import { ProposalAnsweredError, UnknownProposalError } from './session-errors.js';
import { SessionMetrics, type MetricsSnapshot } from './session-metrics.js';

/**
 * The collaborator side of a session: what it last did and where corrections go. A {@link CollaboratorBehavior}
 * is one; any proposer with these members can stand in.
 */
export interface SessionCollaborator {
  /** The actions the collaborator decides. */
  readonly actions: ActionSpec;
  /** Its last observation, or null. */
  readonly lastObservation: Float32Array | null;
  /** Its last decision, or null. */
  readonly lastDecision: ActionBuffers | null;
  /** Takes a human correction for learning (the behaviour notifies its `onFeedbackObservable`). */
  feedback(feedback: Feedback): FeedbackRecord;
}

/** Options of {@link CollaborationSession}. */
export interface CollaborationSessionOptions {
  /** Receives each answer to an action proposal as feedback for learning. @default none */
  collaborator?: SessionCollaborator;
  /** The action spec corrections are checked against. @default the collaborator's, else the proposal's sizes */
  actions?: ActionSpec;
  /** Answers in the sliding agreement window (integer >= 1). @default 20 */
  window?: number;
  /** Span of the recent correction rate, in ms (> 0). @default 60000 */
  rateWindowMs?: number;
  /** Metric snapshots kept for plots (integer >= 1). @default 1000 */
  historyCapacity?: number;
  /**
   * Proposals remembered, pending or answered (integer >= 1); beyond it the oldest is forgotten, and answering it
   * throws an UnknownProposalError. @default 1000
   */
  maxProposals?: number;
  /** The clock of proposals, answers and rates, in ms. @default performance.now */
  clock?: () => number;
}

/** Options of {@link CollaborationSession.accept}, {@link CollaborationSession.reject} and {@link CollaborationSession.correct}. */
export interface AnswerOptions {
  /** How the human answered. @default 'api' */
  via?: AnswerChannel;
}

/** Options of {@link CollaborationSession.proposeDecision}. */
export interface ProposeDecisionOptions {
  /** What the human reads. @default 'I will do this.' */
  content?: string;
  /** The collaborator's confidence in [0, 1]. @default 1 */
  confidence?: number;
}

/** A proposal with a mutable status, as the session keeps it. */
type Entry = { -readonly [K in keyof Proposal]: Proposal[K] };

const OWNER = 'CollaborationSession';
const KINDS: readonly ProposalKind[] = ['action', 'suggestion', 'answer'];
const CHANNELS: readonly AnswerChannel[] = ['gui', 'text', 'demonstration', 'api'];

/**
 * The loop between a collaborator and its human: the collaborator proposes (an action, a suggestion or an answer,
 * with a confidence), the human accepts, rejects or corrects each proposal (by GUI, text or demonstration), and
 * every answer becomes feedback for learning and a point of the session's metrics.
 *
 * For action proposals, accepting sends `feedback({ humanAction: A, aiAction: A })` to the collaborator and
 * correcting sends `feedback({ humanAction: H, aiAction: A })`, so a FeedbackBuffer or OnlineTrainer listening on
 * the behaviour's `onFeedbackObservable` learns from both. A rejection says what not to do but not what to do:
 * it counts in the metrics and sends no feedback.
 *
 * @example
 * ```ts
 * const session = new CollaborationSession({ collaborator: guide });
 * const p = session.proposeDecision({ content: 'I will open the door', confidence: 0.8 });
 * session.correct(p.id, [0.2, -0.5], { via: 'demonstration' });
 * session.metrics.snapshot(performance.now()).agreementRate;
 * ```
 */
export class CollaborationSession {
  /** Notified with each new proposal. */
  readonly onProposalObservable = new Observable<Proposal>();
  /** Notified with each answer, after the feedback was sent and the metrics updated. */
  readonly onAnswerObservable = new Observable<Answer>();
  /** Agreement, ||A - H||^2 and correction rates, with their history. */
  readonly metrics: SessionMetrics;
  /** The collaborator receiving feedback, if any. */
  readonly collaborator: SessionCollaborator | undefined;

  private readonly spec: ActionSpec | undefined;
  private readonly clock: () => number;
  private readonly maxProposals: number;
  private readonly entries = new Map<number, Entry>();
  private readonly pendingIds: number[] = [];
  private nextId = 1;
  private disposed = false;

  /** @throws TypeError or RangeError naming the first invalid option. */
  constructor(options: CollaborationSessionOptions = {}) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.collaborator = options.collaborator === undefined ? undefined : requireType(OWNER, 'collaborator', options.collaborator,
      (v) => !!v && typeof (v as SessionCollaborator).feedback === 'function' && typeof (v as SessionCollaborator).actions === 'object',
      'a collaborator with actions and feedback() (e.g. a CollaboratorBehavior)');
    this.spec = options.actions ?? this.collaborator?.actions;
    if (options.actions !== undefined) {
      requireType(OWNER, 'actions', options.actions, (v) => !!v && typeof (v as ActionSpec).check === 'function', 'an ActionSpec');
    }
    this.clock = requireType(OWNER, 'clock', options.clock ?? (() => performance.now()), (v) => typeof v === 'function', 'a function returning ms');
    const window = requireInteger(OWNER, 'window', options.window ?? 20, 1);
    const rateWindowMs = requireNumber(OWNER, 'rateWindowMs', options.rateWindowMs ?? 60_000, 0, Infinity, true);
    const historyCapacity = requireInteger(OWNER, 'historyCapacity', options.historyCapacity ?? 1000, 1);
    this.maxProposals = requireInteger(OWNER, 'maxProposals', options.maxProposals ?? 1000, 1);
    this.metrics = new SessionMetrics(this.clock(), window, rateWindowMs, historyCapacity);
  }

  /** Proposals waiting for an answer, oldest first. */
  get pending(): readonly Proposal[] {
    return this.pendingIds.map((id) => this.entries.get(id)!);
  }

  /** The current metrics (shorthand for `metrics.snapshot(clock())`). */
  get snapshot(): MetricsSnapshot {
    return this.metrics.snapshot(this.clock());
  }

  /**
   * Records a proposal and notifies {@link onProposalObservable}.
   * @returns the proposal, with its id
   * @throws TypeError or RangeError naming the invalid field; SpecMismatchError when the actions do not fit the
   * spec; Error when an action proposal has no observation while the session has a collaborator, or after dispose.
   */
  propose(input: ProposalInput): Proposal {
    this.assertAlive('propose');
    const owner = `${OWNER}.propose`;
    requireType(owner, 'proposal', input, (v) => typeof v === 'object' && v !== null, 'a proposal object');
    const kind = requireType<ProposalKind>(owner, 'kind', input.kind, (v) => KINDS.includes(v as ProposalKind), `one of ${KINDS.join(', ')}`);
    const content = requireType<string>(owner, 'content', input.content, (v) => typeof v === 'string', 'a string');
    const confidence = requireNumber(owner, 'confidence', input.confidence, 0, 1);
    const entry: Entry = { id: this.nextId, kind, content, confidence, time: this.clock(), status: 'pending' };
    if (input.value !== undefined) entry.value = input.value;
    if (kind === 'action') Object.assign(entry, this.actionParts(input, owner));
    this.nextId++;
    this.entries.set(entry.id, entry);
    this.pendingIds.push(entry.id);
    if (this.entries.size > this.maxProposals) this.forget(this.entries.keys().next().value!);
    this.onProposalObservable.notifyObservers(entry);
    return entry;
  }

  /**
   * Proposes the collaborator's last decision (and the observation behind it) as an action.
   * @throws Error when the session has no collaborator or it has not decided yet.
   */
  proposeDecision(options: ProposeDecisionOptions = {}): Proposal {
    const decision = this.collaborator?.lastDecision;
    if (!decision) throw new Error(`${OWNER}.proposeDecision: ${this.collaborator ? 'the collaborator has not decided yet' : 'the session has no collaborator'}`);
    return this.propose({ kind: 'action', content: options.content ?? 'I will do this.', actions: decision, confidence: options.confidence ?? 1 });
  }

  /** The proposal `id`. @throws UnknownProposalError when the session does not know it. */
  get(id: number): Proposal {
    const entry = this.entries.get(id);
    if (!entry) throw new UnknownProposalError(id);
    return entry;
  }

  /**
   * The human agrees: for an action proposal, the collaborator gets feedback with H = A.
   * @throws UnknownProposalError; ProposalAnsweredError when already answered; Error after dispose.
   */
  accept(id: number, options: AnswerOptions = {}): Answer {
    const entry = this.open(id, 'accept');
    const human = entry.actions ? copy(entry.actions) : undefined;
    return this.settle(entry, 'accepted', options, { humanActions: human });
  }

  /**
   * The human disagrees without saying what to do instead; no feedback is sent.
   * @throws UnknownProposalError; ProposalAnsweredError when already answered; TypeError for a reason that is not a string.
   */
  reject(id: number, reason?: string, options: AnswerOptions = {}): Answer {
    const entry = this.open(id, 'reject');
    if (reason !== undefined) requireType(`${OWNER}.reject`, 'reason', reason, (v) => typeof v === 'string', 'a string');
    return this.settle(entry, 'rejected', options, reason ? { reason } : {});
  }

  /**
   * The human says what is right. For an action proposal the correction is the human's actions (buffers, numbers,
   * or text holding numbers), sent as feedback with the AI's; otherwise it is kept as given.
   * @throws UnknownProposalError; ProposalAnsweredError; SpecMismatchError or TypeError for a correction that
   * does not fit (the proposal stays pending).
   */
  correct(id: number, correction: Correction, options: AnswerOptions = {}): Answer {
    const entry = this.open(id, 'correct');
    const owner = `${OWNER}.correct`;
    if (entry.actions) {
      const human = toActions(correction, entry.actions, this.spec, owner);
      return this.settle(entry, 'corrected', options, { correction, humanActions: human });
    }
    requireType(owner, 'correction', correction, isCorrectionValue, 'a non-empty string, a finite number or an array of them');
    return this.settle(entry, 'corrected', options, { correction });
  }

  /**
   * Answers with typed text (see {@link interpretReply}): "yes" accepts, "no, because ..." rejects with a reason,
   * anything else corrects. `via` defaults to 'text'.
   * @throws as {@link accept}, {@link reject} and {@link correct}.
   */
  respond(id: number, text: string, options: AnswerOptions = {}): Answer {
    requireType(`${OWNER}.respond`, 'text', text, (v) => typeof v === 'string', 'a string');
    const via = { via: options.via ?? 'text' };
    const reply = interpretReply(text);
    if (reply.verdict === 'accepted') return this.accept(id, via);
    if (reply.verdict === 'rejected') return this.reject(id, reply.reason, via);
    return this.correct(id, reply.correction, via);
  }

  /** Clears the observables and forgets the proposals; later calls throw. Calling it again does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onProposalObservable.clear();
    this.onAnswerObservable.clear();
    this.entries.clear();
    this.pendingIds.length = 0;
  }

  private actionParts(input: ProposalInput, owner: string): Pick<Entry, 'actions' | 'observation'> {
    if (input.actions === undefined) throw new TypeError(`${owner}: option 'actions' is required for kind 'action'`);
    const actions = this.spec ? this.spec.copy(input.actions, `${owner}: actions`) : toActions(input.actions, input.actions, undefined, owner);
    const source = input.observation ?? this.collaborator?.lastObservation ?? undefined;
    if (source !== undefined && !(source instanceof Float32Array)) {
      throw new TypeError(`${owner}: option 'observation' must be a Float32Array`);
    }
    if (!source && this.collaborator) throw new Error(`${owner}: the collaborator has no observation yet; pass 'observation'`);
    return source ? { actions, observation: Float32Array.from(source) } : { actions };
  }

  private forget(id: number): void {
    this.entries.delete(id);
    const at = this.pendingIds.indexOf(id);
    if (at >= 0) this.pendingIds.splice(at, 1);
  }

  private open(id: number, method: string): Entry {
    this.assertAlive(method);
    const entry = this.entries.get(id);
    if (!entry) throw new UnknownProposalError(id);
    if (entry.status !== 'pending') throw new ProposalAnsweredError(id, entry.status);
    return entry;
  }

  private settle(entry: Entry, verdict: Verdict, options: AnswerOptions,
    parts: { reason?: string; correction?: Correction; humanActions?: ActionBuffers | undefined }): Answer {
    const via = requireType<AnswerChannel>(OWNER, 'via', options.via ?? 'api', (v) => CHANNELS.includes(v as AnswerChannel), `one of ${CHANNELS.join(', ')}`);
    const time = this.clock();
    const answer: { -readonly [K in keyof Answer]: Answer[K] } = { proposal: entry, verdict, via, time };
    if (parts.reason !== undefined) answer.reason = parts.reason;
    if (parts.correction !== undefined) answer.correction = parts.correction;
    if (entry.actions && parts.humanActions) {
      answer.humanActions = parts.humanActions;
      answer.squaredError = squaredDistance(entry.actions, parts.humanActions);
      if (this.collaborator) {
        answer.feedback = this.collaborator.feedback({ humanAction: parts.humanActions, aiAction: entry.actions, observation: entry.observation, time });
      }
    }
    entry.status = verdict;
    this.pendingIds.splice(this.pendingIds.indexOf(entry.id), 1);
    this.metrics.record(verdict, time, answer.squaredError);
    this.onAnswerObservable.notifyObservers(answer);
    return answer;
  }

  private assertAlive(method: string): void {
    if (this.disposed) throw new Error(`${OWNER}: ${method}() called after dispose()`);
  }
}

function copy(actions: ActionBuffers): ActionBuffers {
  return { continuous: Float32Array.from(actions.continuous), discrete: Int32Array.from(actions.discrete) };
}

function isCorrectionValue(v: unknown): boolean {
  if (typeof v === 'string') return v.trim().length > 0;
  if (typeof v === 'number') return Number.isFinite(v);
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}
