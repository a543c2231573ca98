import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';

/** Options of {@link RunningNormalizer}. Every option is validated by the constructor. */
export interface RunningNormalizerOptions {
  /** Features per sample, an integer >= 1. */
  size: number;
  /** Normalised values are clamped to [-clip, clip] (ML-Agents clips at 5); a number > 0, or Infinity. @default 5 */
  clip?: number;
  /** Added to the variance before its square root, a number > 0. @default 1e-8 */
  epsilon?: number;
}

/** The serialised form of a {@link RunningNormalizer} ({@link RunningNormalizer.toJSON}). */
export interface RunningNormalizerJSON {
  /** Format version: 1. */
  version: 1;
  /** Features per sample. */
  size: number;
  /** The clamp; null stands for Infinity (JSON has no Infinity). */
  clip: number | null;
  /** The variance floor. */
  epsilon: number;
  /** Samples seen. */
  count: number;
  /** Running mean per feature. */
  mean: number[];
  /** Running sum of squared deviations per feature (Welford's M2). */
  m2: number[];
  /** Whether statistics were frozen. */
  frozen: boolean;
}

const OWNER = 'RunningNormalizer';

/**
 * Per-feature running mean and variance (Welford's online algorithm, numerically stable in float64), and the
 * normalisation `clamp((x - mean) / sqrt(variance + epsilon), -clip, clip)`, as ML-Agents normalises vector
 * observations. The variance is the population variance (`M2 / count`); before any sample the mean is 0 and the
 * variance 1, so values pass through (clamped). {@link freeze} stops learning (e.g. once deployed) without
 * changing the normalisation; the statistics serialise with {@link toJSON} and come back with {@link fromJSON}.
 */
export class RunningNormalizer {
  /** Features per sample. */
  readonly size: number;
  /** The clamp. */
  readonly clip: number;
  /** The variance floor. */
  readonly epsilon: number;

  private readonly meanValues: Float64Array;
  private readonly m2: Float64Array;
  private samples = 0;
  private isFrozen = false;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: RunningNormalizerOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.size = requireInteger(OWNER, 'size', options.size, 1);
    const clip = options.clip ?? 5;
    this.clip = clip === Infinity ? Infinity : requireNumber(OWNER, 'clip', clip, 0, Infinity, true);
    this.epsilon = requireNumber(OWNER, 'epsilon', options.epsilon ?? 1e-8, 0, Infinity, true);
    this.meanValues = new Float64Array(this.size);
    this.m2 = new Float64Array(this.size);
  }

  /** Samples seen since construction or {@link reset}. */
  get count(): number {
    return this.samples;
  }

  /** True while {@link update} ignores samples. */
  get frozen(): boolean {
    return this.isFrozen;
  }

  /** The running mean of feature `i` (0 before any sample). */
  mean(i: number): number {
    return this.meanValues[i];
  }

  /** The running population variance of feature `i` (1 before any sample). */
  variance(i: number): number {
    return this.samples === 0 ? 1 : this.m2[i] / this.samples;
  }

  /**
   * Adds one sample, `size` values of `values` from `offset`; does nothing while frozen. Non-finite values would
   * poison the statistics: the sample is then skipped entirely and false returned (true when it was added).
   */
  update(values: ArrayLike<number>, offset = 0): boolean {
    this.checkRange(values, offset);
    if (this.isFrozen) return false;
    for (let i = 0; i < this.size; i++) if (!Number.isFinite(values[offset + i])) return false;
    const n = ++this.samples;
    for (let i = 0; i < this.size; i++) {
      const x = values[offset + i];
      const delta = x - this.meanValues[i];
      this.meanValues[i] += delta / n;
      this.m2[i] += delta * (x - this.meanValues[i]);
    }
    return true;
  }

  /**
   * Normalises `size` values of `values` from `offset` into `out` from `outOffset` (in place by default).
   * Non-finite inputs give 0.
   */
  normalize(values: ArrayLike<number>, offset = 0, out: Float32Array | Float64Array | number[] = values as number[], outOffset = offset): void {
    this.checkRange(values, offset);
    for (let i = 0; i < this.size; i++) {
      const z = (values[offset + i] - this.meanValues[i]) / Math.sqrt(this.variance(i) + this.epsilon);
      out[outOffset + i] = Number.isFinite(z) ? Math.max(-this.clip, Math.min(this.clip, z)) : 0;
    }
  }

  /** Stops learning: {@link update} ignores samples until {@link unfreeze}. */
  freeze(): void {
    this.isFrozen = true;
  }

  /** Learns again from samples. */
  unfreeze(): void {
    this.isFrozen = false;
  }

  /** Forgets the statistics (not the frozen state). */
  reset(): void {
    this.meanValues.fill(0);
    this.m2.fill(0);
    this.samples = 0;
  }

  /** A JSON-safe snapshot. {@link RunningNormalizer.fromJSON} restores it exactly. */
  toJSON(): RunningNormalizerJSON {
    return {
      version: 1, size: this.size, clip: this.clip === Infinity ? null : this.clip, epsilon: this.epsilon,
      count: this.samples, mean: Array.from(this.meanValues), m2: Array.from(this.m2), frozen: this.isFrozen,
    };
  }

  /**
   * Rebuilds a normaliser from {@link toJSON}'s output.
   * @throws TypeError or RangeError naming the field that is missing or wrong.
   */
  static fromJSON(json: RunningNormalizerJSON): RunningNormalizer {
    requireType(OWNER, 'json', json, (v) => typeof v === 'object' && v !== null && (v as RunningNormalizerJSON).version === 1, 'a RunningNormalizerJSON of version 1');
    const normalizer = new RunningNormalizer({ size: json.size, clip: json.clip ?? Infinity, epsilon: json.epsilon });
    normalizer.samples = requireInteger(OWNER, 'json.count', json.count, 0);
    const vector = (field: 'mean' | 'm2', min: number): number[] => requireType(OWNER, `json.${field}`, json[field],
      (v) => Array.isArray(v) && v.length === json.size && v.every((x) => Number.isFinite(x) && x >= min), `${json.size} finite numbers${min > -Infinity ? ' >= 0' : ''}`);
    normalizer.meanValues.set(vector('mean', -Infinity));
    normalizer.m2.set(vector('m2', 0));
    normalizer.isFrozen = requireType<boolean>(OWNER, 'json.frozen', json.frozen, (v) => typeof v === 'boolean', 'a boolean');
    return normalizer;
  }

  private checkRange(values: ArrayLike<number>, offset: number): void {
    if (values == null || !Number.isInteger(offset) || offset < 0 || offset + this.size > values.length) {
      throw new RangeError(`${OWNER}: needs ${this.size} values from offset ${offset}, got ${values == null ? values : values.length} values`);
    }
  }
}
