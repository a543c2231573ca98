import type { Observable } from '@babylonjs/core/Misc/observable.js';

/** Notified when a sensor's observation held NaN or ±Infinity (replaced by 0). */
export interface NonFiniteEvent {
  /** The sensor's name. */
  readonly sensor: string;
  /** How many values were not finite. */
  readonly count: number;
  /** Their indices within the sensor's observation (0 = its first float), ascending. */
  readonly indices: readonly number[];
}

/**
 * Replaces every NaN and ±Infinity among `count` floats of `values` from `offset` by 0 and returns how many there
 * were. When some were found and `observable` is given, notifies it with the sensor's name and their indices
 * (relative to `offset`). Allocates nothing when every value is finite.
 *
 * A behaviour guards each sensor with one call after `sensor.write()`:
 * `guardNonFinite(this.observation, slot.offset, written, sensor.name, this.onNonFiniteObservable)`.
 */
export function guardNonFinite(values: Float32Array, offset: number, count: number, sensor: string, observable?: Observable<NonFiniteEvent>): number {
  let bad = 0;
  for (let i = offset; i < offset + count; i++) if (!Number.isFinite(values[i])) bad++;
  if (bad === 0) return 0;
  const indices: number[] = [];
  for (let i = offset; i < offset + count; i++) {
    if (!Number.isFinite(values[i])) {
      values[i] = 0;
      indices.push(i - offset);
    }
  }
  observable?.notifyObservers({ sensor, count: bad, indices });
  return bad;
}
