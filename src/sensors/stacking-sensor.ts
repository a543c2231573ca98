import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { ObservationSpec } from '../collaborator/observation-spec.js';
import { requireInteger, requireType } from '../collaborator/options.js';
import type { Sensor } from './sensor.js';
import { checkWriteRange } from './write-range.js';

/** Order of the stacked observations. */
export type StackOrder = 'oldest-first' | 'newest-first';

/** Options of {@link StackingSensor}. Every option is validated by the constructor. */
export interface StackingSensorOptions {
  /** The sensor whose observations are stacked (required); the stacking sensor owns it from now on. */
  sensor: Sensor;
  /** Observations kept, an integer >= 1. */
  count: number;
  /**
   * `'oldest-first'` is ML-Agents' order (the current observation last); `'newest-first'` is {@link MotionSensor}'s.
   * @default 'oldest-first'
   */
  order?: StackOrder;
  /**
   * Names the sensor. @default ML-Agents' name, `StackingSensor_size<count>_<sensor name>`, so that observations
   * keep ML-Agents' ordering by name
   */
  name?: string;
}

const OWNER = 'StackingSensor';

/**
 * The last `count` observations of another sensor, one per decision (ML-Agents' StackingSensor).
 *
 * Each {@link update} updates the wrapped sensor and keeps what it writes; the stack holds zeros where fewer than
 * `count` decisions were observed (after construction or {@link reset}). Observation: the kept observations
 * concatenated in `order`. Spec: `vector(n)` stacks to `vector(n x count)`; `visual(c, h, w)` to
 * `visual(c x count, h, w)` (whole CHW frames one after another: ML-Agents' stacking on the channel axis);
 * the modality is kept. Variable-length specs cannot be stacked (ML-Agents does not either).
 * attach, detach, sample, reset and dispose are passed on to the wrapped sensor.
 */
export class StackingSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** The wrapped spec with its first axis multiplied by `count` (see the class notes). */
  readonly spec: ObservationSpec;
  /** The wrapped sensor. */
  readonly sensor: Sensor;
  /** Observations kept. */
  readonly count: number;
  /** The order of the observations in {@link write}. */
  readonly order: StackOrder;

  private readonly frames: Float32Array;
  private readonly frameSize: number;
  private newest = 0;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: StackingSensorOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.sensor = requireType<Sensor>(OWNER, 'sensor', options.sensor, (v) => {
      const s = v as Sensor | null;
      return !!s && s.spec instanceof ObservationSpec && typeof s.update === 'function' && typeof s.write === 'function' && s.spec.kind !== 'variableLength';
    }, 'a Sensor with a vector or visual spec');
    this.count = requireInteger(OWNER, 'count', options.count, 1);
    this.order = requireType<StackOrder>(OWNER, 'order', options.order ?? 'oldest-first', (v) => v === 'oldest-first' || v === 'newest-first', "'oldest-first' or 'newest-first'");
    this.name = requireType<string>(OWNER, 'name', options.name ?? `StackingSensor_size${this.count}_${this.sensor.name}`, (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    const inner = this.sensor.spec;
    this.spec = inner.kind === 'vector'
      ? ObservationSpec.vector(inner.size * this.count, inner.modality)
      : ObservationSpec.visual(inner.shape[0] * this.count, inner.shape[1], inner.shape[2], inner.modality);
    this.frameSize = inner.size;
    this.frames = new Float32Array(this.spec.size);
  }

  /** Attaches the wrapped sensor. */
  attach(agent: TransformNode): void {
    this.sensor.attach?.(agent);
  }

  /** Detaches the wrapped sensor. */
  detach(): void {
    this.sensor.detach?.();
  }

  /** Passes the frame on to the wrapped sensor. */
  sample(deltaSeconds: number): void {
    this.sensor.sample?.(deltaSeconds);
  }

  /** Updates the wrapped sensor and pushes its observation onto the stack, dropping the oldest. */
  update(): void {
    this.sensor.update();
    this.newest = (this.newest + 1) % this.count;
    this.sensor.write(this.frames, this.newest * this.frameSize);
  }

  /** Writes the stack in {@link order}; returns `spec.size`. */
  write(out: Float32Array, offset: number): number {
    checkWriteRange(OWNER, this.name, this.frames.length, out, offset);
    const n = this.frameSize;
    for (let k = 0; k < this.count; k++) {
      const age = this.order === 'newest-first' ? k : this.count - 1 - k;
      const slot = (this.newest - age + this.count) % this.count;
      const from = slot * n;
      const to = offset + k * n;
      for (let i = 0; i < n; i++) out[to + i] = this.frames[from + i];
    }
    return this.frames.length;
  }

  /** Resets the wrapped sensor and zeroes the stack. */
  reset(): void {
    this.sensor.reset();
    this.frames.fill(0);
  }

  /** Disposes of the wrapped sensor. Calling it twice is harmless if the wrapped sensor's dispose is. */
  dispose(): void {
    this.sensor.dispose?.();
  }
}
