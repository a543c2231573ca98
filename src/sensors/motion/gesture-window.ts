import { requireInteger, requireNumber } from '../../collaborator/options.js';

/** Options of {@link GestureWindow}. Every option is validated by the constructor. */
export interface GestureWindowOptions {
  /** Seconds of history the features look at. @default 1.5 */
  seconds?: number;
  /** Most samples kept (older ones drop out first), an integer >= 4. @default 128 */
  capacity?: number;
  /** Shoulder-to-hand distance of a fully extended arm, in world units. @default 0.6 */
  armLength?: number;
  /** Lowest side-to-side frequency of a wave, Hz. @default 1 */
  waveMinHz?: number;
  /** Highest side-to-side frequency of a wave, Hz. @default 4 */
  waveMaxHz?: number;
  /** Smallest half swing of a wave, in world units. @default 0.05 */
  waveMinAmplitude?: number;
}

const OWNER = 'GestureWindow';
/** Hand speed (world units per second) at which a point is no longer steady. */
const STEADY_SPEED = 0.5;

/**
 * Gesture features of one hand over a sliding time window, from samples of the hand relative to its shoulder
 * (any frame whose x axis is lateral). Pure arithmetic, no allocation after construction.
 *
 * Wave, from the lateral coordinate x over the window: *amplitude* = (max − min) / 2; *frequency* = sign changes of
 * x − mean (with a hysteresis of a quarter of the amplitude) / 2 / the window's duration; *score* = 0 unless the
 * frequency is within [waveMinHz, waveMaxHz] and the amplitude >= waveMinAmplitude, then
 * min(1, amplitude / (2 · waveMinAmplitude)).
 *
 * Point, from the newest sample: *direction* = the unit shoulder-to-hand vector; *extension* = its length /
 * armLength clamped to [0, 1]; *score* = clamp((extension − 0.75) / 0.2, 0, 1) · steadiness, where steadiness =
 * clamp(1 − mean hand speed over the window / 0.5, 0, 1).
 */
export class GestureWindow {
  /** Seconds of history. */
  readonly seconds: number;
  /** Arm length used for extension. */
  readonly armLength: number;
  /** Upper bound of the wave band, Hz. */
  readonly waveMaxHz: number;
  /** Wave frequency in Hz at the last {@link compute}. */
  waveFrequency = 0;
  /** Wave half swing at the last {@link compute}. */
  waveAmplitude = 0;
  /** Wave score in [0, 1] at the last {@link compute}. */
  waveScore = 0;
  /** Unit pointing direction (x, y, z) at the last {@link compute}; zeros without samples. */
  readonly pointDirection = new Float64Array(3);
  /** Arm extension in [0, 1] at the last {@link compute}. */
  extension = 0;
  /** Point score in [0, 1] at the last {@link compute}. */
  pointScore = 0;

  private readonly waveMinHz: number;
  private readonly waveMinAmplitude: number;
  private readonly capacity: number;
  /** Ring of samples: t, x, y, z. */
  private readonly ring: Float64Array;
  private head = 0;
  private length = 0;

  /** Validates `options` at once: RangeError naming the option and the value got. */
  constructor(options: GestureWindowOptions = {}) {
    this.seconds = requireNumber(OWNER, 'seconds', options.seconds ?? 1.5, 0, Infinity, true);
    this.capacity = requireInteger(OWNER, 'capacity', options.capacity ?? 128, 4);
    this.armLength = requireNumber(OWNER, 'armLength', options.armLength ?? 0.6, 0, Infinity, true);
    this.waveMinHz = requireNumber(OWNER, 'waveMinHz', options.waveMinHz ?? 1, 0, Infinity, true);
    this.waveMaxHz = requireNumber(OWNER, 'waveMaxHz', options.waveMaxHz ?? 4, this.waveMinHz);
    this.waveMinAmplitude = requireNumber(OWNER, 'waveMinAmplitude', options.waveMinAmplitude ?? 0.05, 0, Infinity, true);
    this.ring = new Float64Array(this.capacity * 4);
  }

  /** Samples in the window. */
  get count(): number {
    return this.length;
  }

  /** Adds the hand's position (x lateral) relative to the shoulder at time `t` seconds (non-decreasing). */
  push(t: number, x: number, y: number, z: number): void {
    this.head = (this.head + 1) % this.capacity;
    const at = this.head * 4;
    this.ring[at] = t;
    this.ring[at + 1] = x;
    this.ring[at + 2] = y;
    this.ring[at + 3] = z;
    if (this.length < this.capacity) this.length++;
    while (this.length > 1 && t - this.ring[this.index(this.length - 1)] > this.seconds) this.length--;
  }

  /** Forgets every sample and zeroes the features. */
  clear(): void {
    this.length = 0;
    this.compute();
  }

  /** Computes the features from the samples in the window. */
  compute(): void {
    this.waveFrequency = this.waveAmplitude = this.waveScore = this.extension = this.pointScore = 0;
    this.pointDirection.fill(0);
    if (this.length === 0) return;
    const r = this.ring;
    const newest = this.index(0);
    const length = Math.sqrt(r[newest + 1] ** 2 + r[newest + 2] ** 2 + r[newest + 3] ** 2);
    if (length > 0) for (let k = 0; k < 3; k++) this.pointDirection[k] = r[newest + 1 + k] / length;
    this.extension = Math.min(1, length / this.armLength);
    if (this.length < 2) return;
    let min = Infinity, max = -Infinity, mean = 0, path = 0;
    for (let i = 0; i < this.length; i++) {
      const s = this.index(i);
      const x = r[s + 1];
      mean += x;
      if (x < min) min = x;
      if (x > max) max = x;
      if (i > 0) {
        const p = this.index(i - 1);
        path += Math.sqrt((r[p + 1] - x) ** 2 + (r[p + 2] - r[s + 2]) ** 2 + (r[p + 3] - r[s + 3]) ** 2);
      }
    }
    mean /= this.length;
    const duration = r[newest] - r[this.index(this.length - 1)];
    const amplitude = (max - min) / 2;
    const hysteresis = amplitude / 4;
    let sign = 0, changes = 0;
    for (let i = this.length - 1; i >= 0; i--) {
      const d = r[this.index(i) + 1] - mean;
      const s = d > hysteresis ? 1 : d < -hysteresis ? -1 : 0;
      if (s !== 0 && s !== sign) {
        if (sign !== 0) changes++;
        sign = s;
      }
    }
    this.waveAmplitude = amplitude;
    this.waveFrequency = duration > 0 ? changes / 2 / duration : 0;
    const inBand = this.waveFrequency >= this.waveMinHz && this.waveFrequency <= this.waveMaxHz;
    this.waveScore = inBand && amplitude >= this.waveMinAmplitude ? Math.min(1, amplitude / (2 * this.waveMinAmplitude)) : 0;
    const steadiness = duration > 0 ? Math.max(0, Math.min(1, 1 - path / duration / STEADY_SPEED)) : 1;
    this.pointScore = Math.max(0, Math.min(1, (this.extension - 0.75) / 0.2)) * steadiness;
  }

  /** Offset in {@link ring} of the sample `age` steps older than the newest. */
  private index(age: number): number {
    return ((this.head - age + this.capacity) % this.capacity) * 4;
  }
}
