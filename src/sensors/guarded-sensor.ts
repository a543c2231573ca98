import { Observable } from '@babylonjs/core/Misc/observable.js';
import { requireType } from '../collaborator/options.js';
import { guardNonFinite, type NonFiniteEvent } from './non-finite.js';
import type { Sensor } from './sensor.js';
import { SensorWrapper } from './sensor-wrapper.js';

/** Options of {@link GuardedSensor}. */
export interface GuardedSensorOptions {
  /** The sensor to guard (required); the guard owns it from now on. */
  sensor: Sensor;
  /** Names the sensor. @default the wrapped sensor's name, so observations keep their order */
  name?: string;
}

/**
 * Guards another sensor against NaN and ±Infinity: each one it writes is replaced by 0, counted, and reported on
 * {@link onNonFiniteObservable} (the sensor's name, the count and the indices within its observation).
 * Same spec as the wrapped sensor. A finite observation costs one scan and no allocation.
 */
export class GuardedSensor extends SensorWrapper {
  /** Notified after an update that found non-finite values. Cleared by {@link dispose}. */
  readonly onNonFiniteObservable = new Observable<NonFiniteEvent>();
  private total = 0;

  /** @throws TypeError naming the option and the value. */
  constructor(options: GuardedSensorOptions) {
    requireType('GuardedSensor', 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    super('GuardedSensor', options.sensor, options.name);
  }

  /** Non-finite values replaced since construction. */
  get nonFiniteCount(): number {
    return this.total;
  }

  /** Disposes of the wrapped sensor and clears {@link onNonFiniteObservable}. */
  override dispose(): void {
    super.dispose();
    this.onNonFiniteObservable.clear();
  }

  protected transform(values: Float32Array): void {
    this.total += guardNonFinite(values, 0, values.length, this.name, this.onNonFiniteObservable);
  }
}
