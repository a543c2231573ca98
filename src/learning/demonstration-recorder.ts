import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { ActionSpec } from '../collaborator/action-spec.js';
import type { CollaboratorBehavior, DecisionEvent, ObservationEvent } from '../collaborator/collaborator-behavior.js';
import { requireInteger, requireType } from '../collaborator/options.js';
import { Tensor } from '../runtime/tensor.js';
import { encodeActions, encodedActionSize } from './action-encoding.js';
import type { Dataset } from './dataset.js';

/** Options of {@link DemonstrationRecorder}. */
export interface DemonstrationRecorderOptions {
  /** Pairs kept at most, integer >= 1; once full, the oldest are dropped. @default 100000 */
  capacity?: number;
}

const OWNER = 'DemonstrationRecorder';
/** Observations waiting for their decision; older ones belong to decisions that never came. */
const PENDING_LIMIT = 16;

/**
 * Records (observation, action) pairs while a person drives a collaborator: attach it, let the player decide
 * through a HeuristicPolicy override (`behavior.overrideWith(...)`), and every overridden decision is paired with
 * the observation it was made from. {@link toDataset} gives the pairs for behaviour cloning with Trainer.fit:
 * inputs are observations, targets the actions encoded as network outputs (continuous values, then a one-hot
 * block per discrete branch: what an MlpPolicy decodes).
 */
export class DemonstrationRecorder {
  /** Pairs kept at most. */
  readonly capacity: number;
  private behavior: CollaboratorBehavior | null = null;
  private observationObserver: Observer<ObservationEvent> | null = null;
  private decisionObserver: Observer<DecisionEvent> | null = null;
  private readonly pending = new Map<number, Float32Array>();
  private observations: Float32Array[] = [];
  private targets: Float32Array[] = [];
  private spec: ActionSpec | undefined;
  private disposed = false;

  /** @throws TypeError or RangeError naming the option and the value */
  constructor(options: DemonstrationRecorderOptions = {}) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.capacity = requireInteger(OWNER, 'capacity', options.capacity ?? 100000, 1);
  }

  /** Pairs recorded. */
  get size(): number {
    return this.observations.length;
  }

  /**
   * Starts recording `behavior`'s overridden decisions.
   * @throws Error when disposed or attached to another behaviour; TypeError when pairs recorded from a behaviour
   *   of other sizes are held (clear() first)
   */
  attach(behavior: CollaboratorBehavior): void {
    if (this.disposed) throw new Error(`${OWNER}: attach() after dispose()`);
    if (this.behavior === behavior) return;
    if (this.behavior) throw new Error(`${OWNER}: already attached to '${this.behavior.name}'; detach it first`);
    if (this.spec && this.size > 0 && !this.spec.equals(behavior.actions)) {
      throw new TypeError(`${OWNER}: the pairs held use ${this.spec}, '${behavior.name}' decides ${behavior.actions}; clear() first`);
    }
    this.spec = behavior.actions;
    this.behavior = behavior;
    this.observationObserver = behavior.onObservationObservable.add((e) => this.onObservation(e));
    this.decisionObserver = behavior.onDecisionObservable.add((e) => this.onDecision(e));
  }

  /** Stops recording; the pairs stay. Harmless when detached. */
  detach(): void {
    const behavior = this.behavior;
    if (!behavior) return;
    behavior.onObservationObservable.remove(this.observationObserver);
    behavior.onDecisionObservable.remove(this.decisionObserver);
    this.observationObserver = this.decisionObserver = null;
    this.pending.clear();
    this.behavior = null;
  }

  /** Forgets every pair. */
  clear(): void {
    this.observations = [];
    this.targets = [];
    this.pending.clear();
  }

  /**
   * The recorded pairs as tensors: `x` [size, observation size], `y` [size, encoded action size] (copies).
   * @throws RangeError when nothing was recorded
   */
  toDataset(): Dataset {
    const count = this.size;
    if (count === 0) throw new RangeError(`${OWNER}.toDataset: no demonstration recorded yet`);
    const inW = this.observations[0].length;
    const outW = this.targets[0].length;
    const x = new Float32Array(count * inW);
    const y = new Float32Array(count * outW);
    for (let i = 0; i < count; i++) {
      x.set(this.observations[i], i * inW);
      y.set(this.targets[i], i * outW);
    }
    return { x: new Tensor('float32', x, [count, inW]), y: new Tensor('float32', y, [count, outW]) };
  }

  /** Detaches and forgets everything. Calling it twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    this.detach();
    this.clear();
    this.disposed = true;
  }

  private onObservation(event: ObservationEvent): void {
    this.pending.set(event.frame, Float32Array.from(event.observation));
    if (this.pending.size > PENDING_LIMIT) this.pending.delete(this.pending.keys().next().value!);
  }

  private onDecision(event: DecisionEvent): void {
    const observation = this.pending.get(event.frame);
    this.pending.delete(event.frame);
    if (!observation || !event.overridden) return;
    const target = new Float32Array(encodedActionSize(this.spec!));
    encodeActions(this.spec!, event.actions, target, 0);
    this.observations.push(observation);
    this.targets.push(target);
    if (this.observations.length > this.capacity) {
      this.observations.shift();
      this.targets.shift();
    }
  }
}
