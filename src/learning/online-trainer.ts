import { Observable, type Observer } from '@babylonjs/core/Misc/observable.js';
import type { ActionSpec } from '../collaborator/action-spec.js';
import type { CollaboratorBehavior, DecisionEvent } from '../collaborator/collaborator-behavior.js';
import { SpecMismatchError } from '../collaborator/errors.js';
import type { FeedbackRecord } from '../collaborator/feedback.js';
import { MlpPolicy } from '../collaborator/mlp-policy.js';
import { requireType } from '../collaborator/options.js';
import type { TaskHandle } from '../scheduler/task.js';
import { actionsAgree, encodeActions, encodedActionSize } from './action-encoding.js';
import { AgreementWindow } from './agreement.js';
import type { Mlp } from './mlp.js';
import { resolveOnlineTrainerOptions, type OnlineTrainerOptions, type ResolvedOnlineTrainerOptions } from './online-trainer-options.js';
import { Trainer } from './trainer.js';

/** Notified on {@link OnlineTrainer.onProgressObservable} after each training slice. */
export interface OnlineProgress {
  /** Loss of the trained weights on the newest corrections (the evaluation set). */
  readonly loss: number;
  /** Share of the recent decisions within tolerance of the human's action on every dimension, in [0, 1]. */
  readonly agreement: number;
  /** Training steps taken since the trainer was created. */
  readonly steps: number;
}

const OWNER = 'OnlineTrainer';

/** Rows of a batch: inputs, targets, per-row weights. */
interface BatchBuffers { x: Float32Array; y: Float32Array; w: Float32Array }

/**
 * Learns from a collaborator's human corrections while the app runs: each `feedback()` goes into the
 * {@link FeedbackBuffer} and queues training steps, which run as idle-priority generator tasks on the
 * {@link FrameScheduler} (a slice runs steps for `sliceMs`, then yields: the frame budget holds).
 *
 * Training works on a private copy of the model. After each slice the copy and the weights in use are compared
 * on the newest corrections; when the copy does better, its weights go to the {@link MlpPolicy} (swapped in at
 * the start of its next decide(), atomically) or, without a policy, into the model.
 */
export class OnlineTrainer {
  /** The model whose weights are improved. */
  readonly model: Mlp;
  /** Notified after each training slice with the loss, the agreement and the step count. Cleared by dispose(). */
  readonly onProgressObservable = new Observable<OnlineProgress>();
  private readonly options: ResolvedOnlineTrainerOptions;
  private readonly student: Mlp;
  private readonly trainer: Trainer;
  private readonly agreementWindow: AgreementWindow;
  private behavior: CollaboratorBehavior | null = null;
  private feedbackObserver: Observer<FeedbackRecord> | null = null;
  private decisionObserver: Observer<DecisionEvent> | null = null;
  private target: MlpPolicy | undefined;
  private spec: ActionSpec | undefined;
  private abort: AbortController | undefined;
  private task: TaskHandle<void> | undefined;
  private pendingSteps = 0;
  private totalSteps = 0;
  private indices = new Uint32Array(0);
  private batch: BatchBuffers = { x: new Float32Array(0), y: new Float32Array(0), w: new Float32Array(0) };
  private evaluation: BatchBuffers = { x: new Float32Array(0), y: new Float32Array(0), w: new Float32Array(0) };
  private grad = new Float32Array(0);
  private disposed = false;

  /**
   * @param model - the network to improve, usually the `model` of the collaborator's MlpPolicy
   * @throws TypeError or RangeError naming a bad option; RangeError when `policy.model` is not `model`
   */
  constructor(model: Mlp, options: OnlineTrainerOptions) {
    this.model = requireType(OWNER, 'model', model, (v) => !!v && typeof (v as Mlp).clone === 'function', 'an Mlp');
    this.options = resolveOnlineTrainerOptions(options);
    if (this.options.policy && this.options.policy.model !== model) {
      throw new RangeError(`${OWNER}: option 'policy' must be the MlpPolicy running this model (policy.model === model)`);
    }
    this.student = model.clone();
    this.trainer = new Trainer(this.student, { optimizer: this.options.optimizer, loss: this.options.loss });
    this.agreementWindow = new AgreementWindow(this.options.agreementWindow);
  }

  /** Share of the recent decisions within tolerance of the human's on every dimension (0 before any decision). */
  get agreement(): number {
    return this.agreementWindow.value;
  }

  /** Training steps taken so far. */
  get steps(): number {
    return this.totalSteps;
  }

  /** True while training steps are queued or running. */
  get isTraining(): boolean {
    return this.task !== undefined;
  }

  /**
   * Learns from `behavior`'s corrections (its `onFeedbackObservable`) and follows its decisions for the agreement.
   * @throws Error when disposed or attached to another behaviour; SpecMismatchError when the behaviour's
   *   observation or action sizes do not fit the model
   */
  attach(behavior: CollaboratorBehavior): void {
    if (this.disposed) throw new Error(`${OWNER}: attach() after dispose()`);
    if (this.behavior === behavior) return;
    if (this.behavior) throw new Error(`${OWNER}: already attached to '${this.behavior.name}'; detach it first`);
    const observationSize = behavior.layout.reduce((sum, slot) => sum + slot.spec.size, 0);
    const actionSize = encodedActionSize(behavior.actions);
    if (observationSize !== this.model.inputSize || actionSize !== this.model.outputSize) {
      throw new SpecMismatchError(`${OWNER}: '${behavior.name}' observes ${observationSize} floats and acts with ${actionSize} outputs, but the model is ${this.model.signature}`);
    }
    const policy = behavior.policy;
    this.target = this.options.policy ?? (policy instanceof MlpPolicy && policy.model === this.model ? policy : undefined);
    this.spec = behavior.actions;
    this.behavior = behavior;
    this.abort = new AbortController();
    this.feedbackObserver = behavior.onFeedbackObservable.add((record) => this.onFeedback(record));
    this.decisionObserver = behavior.onDecisionObservable.add((event) => this.onDecision(event));
  }

  /** Stops following the behaviour and cancels queued training; the buffer and the learnt weights stay. */
  detach(): void {
    const behavior = this.behavior;
    if (!behavior) return;
    behavior.onFeedbackObservable.remove(this.feedbackObserver);
    behavior.onDecisionObservable.remove(this.decisionObserver);
    this.feedbackObserver = this.decisionObserver = null;
    this.abort?.abort();
    this.abort = undefined;
    this.task = undefined;
    this.pendingSteps = 0;
    this.behavior = null;
  }

  /** Detaches, cancels training and clears the observable. Calling it twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    this.detach();
    this.disposed = true;
    this.onProgressObservable.clear();
  }

  private onDecision(event: DecisionEvent): void {
    if (!event.overridden) this.agreementWindow.decision();
  }

  private onFeedback(record: FeedbackRecord): void {
    this.options.buffer.add(record);
    this.agreementWindow.correction(actionsAgree(record.aiAction, record.humanAction, this.options.tolerance));
    this.pendingSteps += this.options.stepsPerFeedback;
    if (this.task === undefined && this.abort) {
      this.task = this.options.scheduler.schedule(() => this.train(), { priority: 'idle', name: 'OnlineTrainer.train', signal: this.abort.signal });
    }
  }

  /** The training task: slices of steps, each followed by an evaluation and maybe a publication, then a yield. */
  private *train(): Generator<void, void, unknown> {
    const { sliceMs, buffer } = this.options;
    try {
      while (this.pendingSteps > 0 && buffer.size > 0) {
        const start = performance.now();
        do {
          this.step();
          this.pendingSteps--;
          this.totalSteps++;
        } while (this.pendingSteps > 0 && performance.now() - start < sliceMs);
        const loss = this.evaluateAndPublish();
        this.onProgressObservable.notifyObservers({ loss, agreement: this.agreement, steps: this.totalSteps });
        yield;
      }
    } finally {
      this.task = undefined;
    }
  }

  /** One mini-batch step of the private copy on records sampled from the buffer. */
  private step(): void {
    const { buffer, batchSize, sampling } = this.options;
    const rows = Math.min(batchSize, buffer.size);
    if (this.indices.length < rows) this.indices = new Uint32Array(rows);
    buffer.sampleIndices(rows, this.indices, sampling);
    this.fill(this.batch, rows, (i) => this.indices[i]);
    this.trainer.trainBatch(this.batch.x, this.batch.y, rows, this.batch.w);
  }

  /** Compares the trained copy with the weights in use on the newest records; publishes the copy if better. */
  private evaluateAndPublish(): number {
    const { buffer, evaluationSize, loss } = this.options;
    const rows = Math.min(evaluationSize, buffer.size);
    this.fill(this.evaluation, rows, (i) => buffer.size - rows + i);
    const { x, y, w } = this.evaluation;
    const width = this.model.outputSize;
    if (this.grad.length < rows * width) this.grad = new Float32Array(rows * width);
    const candidate = loss.compute(this.student.forward(x, rows), y, rows, width, this.grad, w);
    const live = loss.compute(this.student.forward(x, rows, this.model.params), y, rows, width, this.grad, w);
    if (candidate < live) {
      if (this.target) this.target.updateWeights(this.student.params);
      else this.model.setParameters(this.student.params);
    }
    return candidate;
  }

  /** Packs records `index(0..rows)` of the buffer into `into` (inputs, encoded human actions, weights). */
  private fill(into: BatchBuffers, rows: number, index: (i: number) => number): void {
    const inW = this.model.inputSize;
    const outW = this.model.outputSize;
    if (into.w.length < rows) {
      into.x = new Float32Array(rows * inW);
      into.y = new Float32Array(rows * outW);
      into.w = new Float32Array(rows);
    }
    for (let i = 0; i < rows; i++) {
      const record = this.options.buffer.get(index(i));
      into.x.set(record.observation, i * inW);
      encodeActions(this.spec!, record.humanAction, into.y, i * outW);
      into.w[i] = record.weight;
    }
  }
}
