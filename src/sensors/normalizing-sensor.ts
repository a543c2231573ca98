import { requireType } from '../collaborator/options.js';
import { RunningNormalizer } from '../fusion/running-normalizer.js';
import type { Sensor } from './sensor.js';
import { SensorWrapper } from './sensor-wrapper.js';

/** Options of {@link NormalizingSensor}. */
export interface NormalizingSensorOptions {
  /** The sensor to normalise (required); the normalising sensor owns it from now on. */
  sensor: Sensor;
  /** Statistics to use and update, e.g. restored with `RunningNormalizer.fromJSON`; its size must be the spec's. @default a new one (clip 5) */
  normalizer?: RunningNormalizer;
  /** Names the sensor. @default the wrapped sensor's name, so observations keep their order */
  name?: string;
}

const OWNER = 'NormalizingSensor';

/**
 * Normalises another sensor's observations with a {@link RunningNormalizer}: on each update the new observation is
 * added to the statistics (unless the normaliser is frozen or the observation is not finite), then written as
 * `clamp((x - mean) / sqrt(variance + epsilon), -clip, clip)` per feature; non-finite values become 0.
 * The first observation therefore normalises to zeros. Same spec as the wrapped sensor.
 */
export class NormalizingSensor extends SensorWrapper {
  /** The statistics in use. */
  readonly normalizer: RunningNormalizer;

  /** @throws TypeError or RangeError naming the option and the value. */
  constructor(options: NormalizingSensorOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    super(OWNER, options.sensor, options.name);
    const size = this.spec.size;
    this.normalizer = options.normalizer === undefined ? new RunningNormalizer({ size })
      : requireType(OWNER, 'normalizer', options.normalizer, (v) => v instanceof RunningNormalizer && v.size === size, `a RunningNormalizer of size ${size}`);
  }

  protected transform(values: Float32Array): void {
    this.normalizer.update(values);
    this.normalizer.normalize(values);
  }
}
