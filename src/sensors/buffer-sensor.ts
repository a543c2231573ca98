import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { ObservationSpec } from '../collaborator/observation-spec.js';
import { requireInteger, requireType } from '../collaborator/options.js';
import type { Sensor } from './sensor.js';
import { checkWriteRange } from './write-range.js';

/** Appends one entity's `size` values to a {@link BufferSensor}. */
export type AppendEntity = (values: ArrayLike<number>) => void;

/** Options of {@link BufferSensor}. Every option is validated by the constructor. */
export interface BufferSensorOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'entities' */
  name?: string;
  /** Most entities observed at once, an integer >= 1; more are dropped (and counted). */
  maxCount: number;
  /** Floats per entity, an integer >= 1. */
  size: number;
  /**
   * Gathers the entities on each {@link BufferSensor.update}, after those appended from code: call `append` once per
   * entity (the agent is null without a behaviour). @default none: only {@link BufferSensor.appendObservation}
   */
  query?: (append: AppendEntity, agent: TransformNode | null) => void;
}

const OWNER = 'BufferSensor';

/**
 * A variable number of entities (people nearby, exhibits in view), each `size` floats, padded to `maxCount`:
 * ML-Agents' BufferSensor, for attention-based policies.
 *
 * Entities appended since the previous decision ({@link appendObservation}, then the `query` option) make up the
 * next observation; {@link update} takes them and starts an empty list for the next decision.
 *
 * Observation: `variableLength(maxCount, size)`, modality `'entities'`: row `k < count` holds the `k`-th entity in
 * append order, rows from `count` on are zeros (ML-Agents' exact layout).
 *
 * The mask: ML-Agents does not send one; its trainers and exported models treat an all-zero row as padding. This
 * sensor keeps that contract (an entity whose values are all 0 reads as absent: give entities a constant 1 feature
 * if that can happen). Policies of this package that want the mask explicitly read {@link mask} or add
 * {@link maskSensor} to the behaviour: a second sensor, `vector(maxCount)` named `<name>_mask`, 1 for present
 * rows and 0 for padding, written from the same update.
 */
export class BufferSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** `variableLength(maxCount, size)`, modality `'entities'`. */
  readonly spec: ObservationSpec;
  /** Most entities observed at once. */
  readonly maxCount: number;
  /** Floats per entity. */
  readonly size: number;
  /** 1 for each row observed at the last {@link update}, 0 for padding (`maxCount` floats). */
  readonly mask: Float32Array;
  /** The mask as a sensor of its own, named `<name>_mask` (see the class notes). */
  readonly maskSensor: Sensor;

  private readonly queryFn: BufferSensorOptions['query'] | undefined;
  private readonly pending: Float32Array;
  private readonly observation: Float32Array;
  private readonly append: AppendEntity = (values) => this.appendObservation(values);
  private pendingCount = 0;
  private pendingDropped = 0;
  private observed = 0;
  private dropped = 0;
  private agent: TransformNode | null = null;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: BufferSensorOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'entities', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    this.maxCount = requireInteger(OWNER, 'maxCount', options.maxCount, 1);
    this.size = requireInteger(OWNER, 'size', options.size, 1);
    this.queryFn = options.query === undefined ? undefined
      : requireType(OWNER, 'query', options.query, (v) => typeof v === 'function', 'a function (append, agent) => void');
    this.spec = ObservationSpec.variableLength(this.maxCount, this.size, 'entities');
    this.pending = new Float32Array(this.spec.size);
    this.observation = new Float32Array(this.spec.size);
    this.mask = new Float32Array(this.maxCount);
    this.maskSensor = new BufferMaskSensor(`${this.name}_mask`, this.mask);
  }

  /** Entities in the last observation. */
  get count(): number {
    return this.observed;
  }

  /** Entities left out of the last observation because more than `maxCount` were appended for it. */
  get droppedCount(): number {
    return this.dropped;
  }

  /**
   * Adds one entity to the next observation (ignored, and counted in {@link droppedCount}, once `maxCount` are there).
   * @throws RangeError when `values` does not hold exactly `size` numbers.
   */
  appendObservation(values: ArrayLike<number>): void {
    if (values == null || values.length !== this.size) {
      throw new RangeError(`${OWNER} '${this.name}': appendObservation() needs ${this.size} values, got ${values == null ? values : values.length}`);
    }
    if (this.pendingCount >= this.maxCount) {
      this.pendingDropped++;
      return;
    }
    const base = this.pendingCount * this.size;
    for (let i = 0; i < this.size; i++) this.pending[base + i] = values[i];
    this.pendingCount++;
  }

  /** Observes for `agent` (passed to `query`). */
  attach(agent: TransformNode): void {
    this.agent = agent;
  }

  /** Forgets the agent. */
  detach(): void {
    this.agent = null;
  }

  /** Runs `query`, then takes the appended entities as the observation and starts an empty list. */
  update(): void {
    this.queryFn?.(this.append, this.agent);
    this.observation.set(this.pending);
    this.observed = this.pendingCount;
    this.dropped = this.pendingDropped;
    this.mask.fill(1, 0, this.observed).fill(0, this.observed);
    this.clearPending();
  }

  /** Writes the last observation, zero-padded; returns `spec.size`. */
  write(out: Float32Array, offset: number): number {
    checkWriteRange(OWNER, this.name, this.observation.length, out, offset);
    out.set(this.observation, offset);
    return this.observation.length;
  }

  /** Empties the observation and the entities appended so far. */
  reset(): void {
    this.clearPending();
    this.observation.fill(0);
    this.mask.fill(0);
    this.observed = 0;
    this.dropped = 0;
  }

  private clearPending(): void {
    this.pending.fill(0);
    this.pendingCount = 0;
    this.pendingDropped = 0;
  }
}

/** {@link BufferSensor.maskSensor}: writes its owner's mask; its update and reset do nothing (the owner's do). */
class BufferMaskSensor implements Sensor {
  readonly spec: ObservationSpec;

  constructor(readonly name: string, private readonly mask: Float32Array) {
    this.spec = ObservationSpec.vector(mask.length, 'entities');
  }

  update(): void {}

  write(out: Float32Array, offset: number): number {
    checkWriteRange('BufferSensor mask', this.name, this.mask.length, out, offset);
    out.set(this.mask, offset);
    return this.mask.length;
  }

  reset(): void {}
}
