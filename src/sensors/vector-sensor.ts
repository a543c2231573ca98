import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { ObservationSpec, type Modality } from '../collaborator/observation-spec.js';
import { requireInteger, requireType } from '../collaborator/options.js';
import { SpecMismatchError } from '../collaborator/errors.js';
import type { Sensor } from './sensor.js';

/** Options of {@link VectorSensor}. */
export interface VectorSensorOptions {
  /** The sensor's name, unique among the collaborator's sensors. @default 'vector' */
  name?: string;
  /** Number of floats observed (integer >= 1). */
  size: number;
  /**
   * Fills `out` (zeroed, `size` floats) with the observation; `agent` is the node the collaborator embodies,
   * or null when used without a behaviour. Values must be finite.
   */
  observe: (out: Float32Array, agent: TransformNode | null) => void;
  /** The modality tag of the spec. @default 'vector' */
  modality?: Modality;
}

/**
 * Observations written by your own code (ML-Agents' VectorSensor / CollectObservations): the quickest way
 * to give a policy game state that no built-in sensor perceives (health, score, a target's id).
 */
export class VectorSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** `vector(size)`. */
  readonly spec: ObservationSpec;
  private readonly observeFn: VectorSensorOptions['observe'];
  private readonly values: Float32Array;
  private agent: TransformNode | null = null;

  /** @throws TypeError or RangeError naming the option and the value. */
  constructor(options: VectorSensorOptions) {
    requireType('VectorSensor', 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType('VectorSensor', 'name', options.name ?? 'vector', (v) => typeof v === 'string' && v.length > 0, 'a non-empty string');
    const size = requireInteger('VectorSensor', 'size', options.size, 1);
    this.observeFn = requireType('VectorSensor', 'observe', options.observe, (v) => typeof v === 'function', 'a function');
    this.spec = ObservationSpec.vector(size, options.modality ?? 'vector');
    this.values = new Float32Array(size);
  }

  /** Observes for `agent` from now on. */
  attach(agent: TransformNode): void {
    this.agent = agent;
  }

  /** Forgets the agent. */
  detach(): void {
    this.agent = null;
  }

  /**
   * Calls `observe` into a zeroed buffer.
   * @throws SpecMismatchError naming the sensor and the index when `observe` wrote a value that is not finite.
   */
  update(): void {
    this.values.fill(0);
    this.observeFn(this.values, this.agent);
    for (let i = 0; i < this.values.length; i++) {
      if (!Number.isFinite(this.values[i])) {
        throw new SpecMismatchError(`VectorSensor '${this.name}': observe() wrote ${this.values[i]} at index ${i}; values must be finite`);
      }
    }
  }

  /** Writes the last observation: exactly `size` floats. */
  write(out: Float32Array, offset: number): number {
    out.set(this.values, offset);
    return this.values.length;
  }

  /** Zeroes the last observation. */
  reset(): void {
    this.values.fill(0);
  }
}
