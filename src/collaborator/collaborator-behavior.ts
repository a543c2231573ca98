import type { Behavior } from '@babylonjs/core/Behaviors/behavior.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Logger } from '@babylonjs/core/Misc/logger.js';
import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { Nullable } from '@babylonjs/core/types.js';
import type { FrameScheduler } from '../scheduler/frame-scheduler.js';
import type { Sensor } from '../sensors/sensor.js';
import { guardNonFinite, type NonFiniteEvent } from '../sensors/non-finite.js';
import { ActionSpec, type ActionBuffers } from './action-spec.js';
import type { Actuator } from './actuator.js';
import { ActionMask } from './action-mask.js';
import { DecisionBatcher } from './decision-batcher.js';
import type { DecisionClient, SensorSlot } from './decision-client.js';
import { SpecMismatchError } from './errors.js';
import type { Feedback, FeedbackRecord } from './feedback.js';
import { ObservationSpec } from './observation-spec.js';
import { requireInteger, requireNumber, requireType } from './options.js';
import type { Policy } from './policy.js';

/** Options of {@link CollaboratorBehavior}. */
export interface CollaboratorBehaviorOptions {
  /** The behaviour's name (Babylon's Behavior.name). @default 'Collaborator' */
  name?: string;
  /** What the collaborator perceives with; names must be unique. Observations are ordered by sensor name. */
  sensors: Sensor[];
  /** What each decision contains; must equal the policy's action spec. */
  actions: ActionSpec;
  /** Decides for the collaborator; may be shared by many collaborators (one `decide()` per frame for all). */
  policy: Policy;
  /** Turn decisions into effects, in this order. @default [] */
  actuators?: Actuator[];
  /** Frames between decisions (integer >= 1); actuators keep applying the last decision in between. @default 5 */
  decisionPeriod?: number;
  /**
   * The frame within the period on which this collaborator decides (integer in [0, decisionPeriod - 1]).
   * @default staggered: the scene's collaborators take offsets 0, 1, 2, ... in attach order, so N agents
   * spread their decisions over the period.
   */
  decisionOffset?: number;
  /**
   * Runs `decide()` as a critical task, and the updates of sensors marked `expensive` as normal tasks, under this
   * scheduler's frame budget (an agent with expensive sensors then decides in the frame after they are updated).
   * @default none: everything runs in the frame
   */
  scheduler?: FrameScheduler;
  /**
   * Called on each decision with a mask that allows every discrete action: forbid what the rules do not allow now
   * (`mask.setActionEnabled(branch, action, false)`). The batch then carries `actionMasks`. @default no mask
   */
  actionMask?: (mask: ActionMask, agent: TransformNode) => void;
}

/** Notified on {@link CollaboratorBehavior.onObservationObservable}. */
export interface ObservationEvent {
  /** The observation, sensors concatenated in name order. Overwritten at the next decision: copy to keep. */
  readonly observation: Float32Array;
  /** The scene's decision frame counter. */
  readonly frame: number;
}

/** Notified on {@link CollaboratorBehavior.onDecisionObservable}. */
export interface DecisionEvent {
  /** The actions now applied. Overwritten at the next decision: copy to keep. */
  readonly actions: ActionBuffers;
  /** The decision frame whose observation produced the actions. */
  readonly frame: number;
  /** The policy that decided. */
  readonly policy: Policy;
  /** True when the decision came from a human override ({@link CollaboratorBehavior.overrideWith}). */
  readonly overridden: boolean;
}

const OWNER = 'CollaboratorBehavior';

function checkSensors(sensors: unknown): Sensor[] {
  requireType(OWNER, 'sensors', sensors, Array.isArray, 'an array of Sensor');
  const seen = new Set<string>();
  (sensors as unknown[]).forEach((sensor, i) => {
    const s = sensor as Partial<Sensor> | null;
    const valid = !!s && typeof s.name === 'string' && s.spec instanceof ObservationSpec &&
      typeof s.update === 'function' && typeof s.write === 'function' && typeof s.reset === 'function';
    if (!valid) throw new TypeError(`${OWNER}: option 'sensors[${i}]' must be a Sensor (name, spec, update, write, reset)`);
    if (seen.has(s.name!)) throw new RangeError(`${OWNER}: option 'sensors' has two sensors named '${s.name}': names must be unique`);
    seen.add(s.name!);
  });
  return [...(sensors as Sensor[])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function checkPolicy(policy: unknown, actions: ActionSpec, option: string): Policy {
  const p = requireType<Policy>(OWNER, option, policy,
    (v) => !!v && typeof (v as Policy).decide === 'function' && (v as Policy).actionSpec instanceof ActionSpec, 'a Policy');
  if (!p.actionSpec.equals(actions)) {
    throw new SpecMismatchError(`${OWNER}: ${option} decides ${p.actionSpec} but option 'actions' is ${actions}`);
  }
  return p;
}

/**
 * An AI collaborator: attach it to a node and it perceives with its sensors, decides with its policy every
 * `decisionPeriod` frames and acts through its actuators every frame (Babylon `Behavior<TransformNode>`).
 *
 * All collaborators of a scene that share a policy are batched: one `decide()` per frame for all of those
 * deciding in that frame. Decisions are asynchronous: they apply when the policy resolves (a frame or more
 * later for GPU inference) and the actuators keep applying the previous one meanwhile.
 *
 * @example
 * ```ts
 * const guide = new CollaboratorBehavior({ sensors: [new RaySensor({ tags: ['wall'] })],
 *   actions: ActionSpec.continuous(2), policy, actuators: [new MoveActuator({ maxSpeed: 2 })] });
 * mesh.addBehavior(guide);
 * ```
 */
export class CollaboratorBehavior implements Behavior<TransformNode>, DecisionClient {
  /** Babylon's behaviour name. */
  name: string;
  /** The node the collaborator embodies, or null when detached. */
  attachedNode: Nullable<TransformNode> = null;
  /** What each decision contains. */
  readonly actions: ActionSpec;
  /** Frames between decisions. */
  readonly decisionPeriod: number;
  /** The scheduler running this collaborator's decisions, if any. */
  readonly scheduler: FrameScheduler | undefined;
  /** Sensors in name order with their offsets in the flat observation. */
  readonly layout: readonly SensorSlot[];
  /** @internal Batching key of the sensor layout. */
  readonly layoutKey: string;

  /** Notified on each decision frame with the new observation, before the policy decides. */
  readonly onObservationObservable = new Observable<ObservationEvent>();
  /** Notified when a decision arrives and has been handed to the actuators. */
  readonly onDecisionObservable = new Observable<DecisionEvent>();
  /** Notified with each recorded human correction. */
  readonly onFeedbackObservable = new Observable<FeedbackRecord>();
  /** Notified when observing or deciding fails (a sensor or the policy threw); logged when nobody listens. */
  readonly onDecisionErrorObservable = new Observable<Error>();
  /** Notified when a sensor wrote NaN or ±Infinity: those values were replaced by 0 before the policy saw them. */
  readonly onNonFiniteObservable = new Observable<NonFiniteEvent>();

  private readonly sensors: readonly Sensor[];
  private readonly actuators: readonly Actuator[];
  private readonly ownPolicy: Policy;
  private readonly requestedOffset: number | undefined;
  private readonly observation: Float32Array;
  private readonly decision: ActionBuffers;
  private readonly expensiveSensors: readonly Sensor[];
  private readonly masker: ((mask: ActionMask, agent: TransformNode) => void) | undefined;
  private readonly mask: ActionMask;
  private readonly maskRow: Float32Array | null;
  private override: Policy | null = null;
  private batcher: DecisionBatcher | null = null;
  private offset = 0;
  private requested = false;
  private hasObservation = false;
  private hasDecision = false;
  private disposed = false;

  /** @throws TypeError or RangeError naming the option and the value; SpecMismatchError when the policy's actions differ. */
  constructor(options: CollaboratorBehaviorOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType(OWNER, 'name', options.name ?? 'Collaborator', (v) => typeof v === 'string', 'a string');
    this.sensors = checkSensors(options.sensors);
    this.actions = requireType(OWNER, 'actions', options.actions, (v) => v instanceof ActionSpec, 'an ActionSpec');
    this.ownPolicy = checkPolicy(options.policy, this.actions, 'policy');
    const actuators = options.actuators ?? [];
    requireType(OWNER, 'actuators', actuators, Array.isArray, 'an array of Actuator');
    actuators.forEach((a, i) => requireType(OWNER, `actuators[${i}]`, a,
      (v) => !!v && typeof (v as Actuator).onActions === 'function', 'an Actuator (name, onActions)'));
    this.actuators = [...actuators];
    this.decisionPeriod = requireInteger(OWNER, 'decisionPeriod', options.decisionPeriod ?? 5, 1);
    this.requestedOffset = options.decisionOffset === undefined ? undefined
      : requireInteger(OWNER, 'decisionOffset', options.decisionOffset, 0, this.decisionPeriod - 1);
    this.scheduler = options.scheduler === undefined ? undefined : requireType(OWNER, 'scheduler', options.scheduler,
      (v) => !!v && typeof (v as FrameScheduler).schedule === 'function', 'a FrameScheduler');
    let offset = 0;
    this.layout = this.sensors.map((sensor) => {
      const slot = { name: sensor.name, spec: sensor.spec, offset };
      offset += sensor.spec.size;
      return slot;
    });
    this.layoutKey = this.layout.map((s) => `${s.name}:${s.spec.shape.join('x')}`).join('|');
    this.observation = new Float32Array(offset);
    this.decision = this.actions.createBuffers();
    this.expensiveSensors = this.sensors.filter((s) => s.expensive);
    this.masker = options.actionMask === undefined ? undefined
      : requireType(OWNER, 'actionMask', options.actionMask, (v) => typeof v === 'function', 'a function (mask, agent) => void');
    if (this.masker && this.actions.discreteSize === 0) {
      throw new RangeError(`${OWNER}: option 'actionMask' needs discrete actions, but 'actions' is ${this.actions}`);
    }
    this.mask = new ActionMask(this.actions);
    this.maskRow = this.masker ? new Float32Array(this.actions.maskSize) : null;
  }

  /** The action mask of the last observation (1 = allowed), or null without an `actionMask` option. */
  get actionMask(): Float32Array | null {
    return this.maskRow;
  }

  /** The policy deciding now: the human's override if one is set, else the collaborator's own. */
  get activePolicy(): Policy {
    return this.override ?? this.ownPolicy;
  }

  /** The collaborator's own policy (the one given at construction). */
  get policy(): Policy {
    return this.ownPolicy;
  }

  /** True while a human override decides instead of the collaborator's policy. */
  get isOverridden(): boolean {
    return this.override !== null;
  }

  /** The last observation (sensors concatenated in name order), or null before the first decision frame. */
  get lastObservation(): Float32Array | null {
    return this.hasObservation ? this.observation : null;
  }

  /** The actions applied now, or null before the first decision arrives. */
  get lastDecision(): ActionBuffers | null {
    return this.hasDecision ? this.decision : null;
  }

  /** Babylon calls it before attach; nothing to prepare. */
  init(): void {}

  /**
   * Starts perceiving, deciding and acting for `node` (called by `node.addBehavior(this)`).
   * @throws Error when disposed, or attached to another node.
   */
  attach(node: TransformNode): void {
    if (this.disposed) throw new Error(`${OWNER} '${this.name}': attach() after dispose()`);
    if (this.attachedNode === node) return;
    if (this.attachedNode) throw new Error(`${OWNER} '${this.name}': already attached to '${this.attachedNode.name}'; detach it first`);
    this.attachedNode = node;
    for (const sensor of this.sensors) sensor.attach?.(node);
    for (const actuator of this.actuators) actuator.attach?.(node);
    this.batcher = DecisionBatcher.forScene(node.getScene());
    const slot = this.batcher.register(this);
    this.offset = this.requestedOffset ?? slot % this.decisionPeriod;
  }

  /** Stops everything {@link attach} started and removes the observers it added. Harmless when detached. */
  detach(): void {
    if (!this.attachedNode) return;
    this.batcher?.unregister(this);
    this.batcher = null;
    for (const sensor of this.sensors) sensor.detach?.();
    for (const actuator of this.actuators) actuator.detach?.();
    this.attachedNode = null;
  }

  /** Asks for a decision on the next frame, whatever the decision period. */
  requestDecision(): void {
    this.requested = true;
  }

  /**
   * Lets `policy` (typically a {@link HeuristicPolicy} reading the player's input) decide instead of the
   * collaborator's own, from the next decision on, until {@link clearOverride}.
   * @throws SpecMismatchError when its action spec differs.
   */
  overrideWith(policy: Policy): void {
    this.override = checkPolicy(policy, this.actions, 'overrideWith(policy)');
  }

  /** Gives control back to the collaborator's own policy. */
  clearOverride(): void {
    this.override = null;
  }

  /** Resets sensors (history) and actuators (they stop), e.g. when the agent starts over. */
  reset(): void {
    for (const sensor of this.sensors) sensor.reset();
    for (const actuator of this.actuators) actuator.reset?.();
  }

  /**
   * Records a human correction and notifies {@link onFeedbackObservable}. The observation and the AI's action
   * default to the last ones; everything is copied and checked.
   * @returns the complete record
   * @throws SpecMismatchError when an action or the observation has the wrong size; Error when there is no
   * observation or decision yet and none is given; RangeError for a weight that is not > 0.
   */
  feedback(feedback: Feedback): FeedbackRecord {
    requireType(OWNER, 'feedback', feedback, (v) => typeof v === 'object' && v !== null, 'a Feedback object');
    const humanAction = this.actions.copy(feedback.humanAction, `${OWNER}.feedback: humanAction`);
    const aiSource = feedback.aiAction ?? this.lastDecision;
    if (!aiSource) throw new Error(`${OWNER}.feedback: no decision yet; pass feedback.aiAction`);
    const aiAction = this.actions.copy(aiSource, `${OWNER}.feedback: aiAction`);
    const observationSource = feedback.observation ?? this.lastObservation;
    if (!observationSource) throw new Error(`${OWNER}.feedback: no observation yet; pass feedback.observation`);
    if (!(observationSource instanceof Float32Array) || observationSource.length !== this.observation.length) {
      throw new SpecMismatchError(`${OWNER}.feedback: observation must be a Float32Array of ${this.observation.length} floats, got ${observationSource?.length}`);
    }
    const weight = requireNumber(`${OWNER}.feedback`, 'weight', feedback.weight ?? 1, 0, Infinity, true);
    const time = requireNumber(`${OWNER}.feedback`, 'time', feedback.time ?? performance.now());
    const record: FeedbackRecord = { observation: Float32Array.from(observationSource), aiAction, humanAction, weight, time };
    this.onFeedbackObservable.notifyObservers(record);
    return record;
  }

  /** Detaches, disposes the sensors and actuators and clears the observables. The policy, which may be shared, is not disposed. */
  dispose(): void {
    if (this.disposed) return;
    const node = this.attachedNode;
    if (node) node.removeBehavior(this);
    this.detach();
    this.disposed = true;
    for (const sensor of this.sensors) sensor.dispose?.();
    for (const actuator of this.actuators) actuator.dispose?.();
    this.onObservationObservable.clear();
    this.onDecisionObservable.clear();
    this.onFeedbackObservable.clear();
    this.onDecisionErrorObservable.clear();
    this.onNonFiniteObservable.clear();
  }

  /** @internal */
  frame(deltaSeconds: number): void {
    for (const sensor of this.sensors) sensor.sample?.(deltaSeconds);
    for (const actuator of this.actuators) actuator.update?.(deltaSeconds);
  }

  /** @internal */
  isDue(frame: number): boolean {
    return this.requested || frame % this.decisionPeriod === this.offset;
  }

  /** @internal */
  prepare(): Promise<void> | null {
    const scheduler = this.scheduler;
    if (!scheduler || this.expensiveSensors.length === 0) return null;
    return Promise.all(this.expensiveSensors.map((sensor) => scheduler.schedule(() => sensor.update(),
      { name: `${this.name}.${sensor.name}.update`, priority: 'normal' }).result)).then(() => undefined);
  }

  /** @internal */
  observe(frame: number, prepared: boolean): Float32Array {
    this.requested = false;
    for (let i = 0; i < this.layout.length; i++) {
      const slot = this.layout[i];
      const sensor = this.sensors[i];
      if (!(prepared && sensor.expensive)) sensor.update();
      const written = sensor.write(this.observation, slot.offset);
      if (written !== slot.spec.size) {
        throw new SpecMismatchError(`${OWNER} '${this.name}': sensor '${slot.name}' wrote ${written} floats but its spec ${slot.spec} declares ${slot.spec.size}`);
      }
      guardNonFinite(this.observation, slot.offset, written, slot.name, this.onNonFiniteObservable);
    }
    if (this.masker && this.maskRow) {
      this.mask.reset(this.maskRow);
      this.masker(this.mask, this.attachedNode!);
      this.mask.check(`${OWNER} '${this.name}'`);
    }
    this.hasObservation = true;
    this.onObservationObservable.notifyObservers({ observation: this.observation, frame });
    return this.observation;
  }

  /** @internal */
  receive(actions: ActionBuffers, frame: number, policy: Policy): void {
    if (policy !== this.activePolicy) return; // the override changed while deciding: the answer is stale
    try {
      this.actions.check(actions, `${OWNER} '${this.name}': decision of the policy`);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.decision.continuous.set(actions.continuous);
    this.decision.discrete.set(actions.discrete);
    this.hasDecision = true;
    for (const actuator of this.actuators) actuator.onActions(this.decision);
    this.onDecisionObservable.notifyObservers({ actions: this.decision, frame, policy, overridden: policy === this.override });
  }

  /** @internal */
  fail(error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    if (this.onDecisionErrorObservable.hasObservers()) this.onDecisionErrorObservable.notifyObservers(err);
    else Logger.Error(`${OWNER} '${this.name}': ${err.message}`);
  }
}
