import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { ObservationSpec } from '../collaborator/observation-spec.js';
import { requireType } from '../collaborator/options.js';
import type { Sensor } from './sensor.js';
import { checkWriteRange } from './write-range.js';

/** True when `v` has the members a {@link Sensor} must have. */
export function isSensor(v: unknown): boolean {
  const s = v as Sensor | null;
  return !!s && typeof s.name === 'string' && typeof s.spec === 'object' && typeof s.update === 'function' &&
    typeof s.write === 'function' && typeof s.reset === 'function';
}

/**
 * A sensor that observes through another one and transforms what it writes, with the same spec.
 * attach, detach, sample, reset and dispose are passed on to the wrapped sensor; {@link update} updates it, copies
 * its observation and calls {@link transform} on the copy, which {@link write} then writes.
 */
export abstract class SensorWrapper implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** The wrapped sensor's spec. */
  readonly spec: ObservationSpec;
  /** The wrapped sensor. */
  readonly sensor: Sensor;

  /** The transformed observation, `spec.size` floats. */
  protected readonly values: Float32Array;
  private readonly owner: string;

  /** Validates the wrapped `sensor` and the `name` (the wrapped sensor's by default), naming `owner` in errors. */
  protected constructor(owner: string, sensor: unknown, name: unknown) {
    this.owner = owner;
    this.sensor = requireType<Sensor>(owner, 'sensor', sensor, isSensor, 'a Sensor');
    this.name = requireType<string>(owner, 'name', name ?? this.sensor.name, (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    this.spec = this.sensor.spec;
    this.values = new Float32Array(this.spec.size);
  }

  /** Transforms {@link values} in place after each update. */
  protected abstract transform(values: Float32Array): void;

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

  /** Updates the wrapped sensor, takes its observation and transforms it. */
  update(): void {
    this.sensor.update();
    this.sensor.write(this.values, 0);
    this.transform(this.values);
  }

  /** Writes the last transformed observation; returns `spec.size`. */
  write(out: Float32Array, offset: number): number {
    checkWriteRange(this.owner, this.name, this.values.length, out, offset);
    out.set(this.values, offset);
    return this.values.length;
  }

  /** Resets the wrapped sensor and zeroes the observation. */
  reset(): void {
    this.sensor.reset();
    this.values.fill(0);
  }

  /** Disposes of the wrapped sensor. Calling it twice is harmless if the wrapped sensor's dispose is. */
  dispose(): void {
    this.sensor.dispose?.();
  }
}
