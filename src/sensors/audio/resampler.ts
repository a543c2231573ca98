import { requireNumber } from '../../collaborator/options.js';

/** Zero crossings of the sinc on each side of the kernel centre (at the output rate when downsampling). */
const ZERO_CROSSINGS = 16;
/** Kernel table entries per input sample; values between entries are interpolated linearly. */
const TABLE_RESOLUTION = 256;
/** Kaiser window shape: about 80 dB of stop-band rejection. */
const KAISER_BETA = 8;
/** The pass band ends this fraction of the way to the lower Nyquist frequency (the rest is the transition band). */
const PASS_FRACTION = 0.9;

/** Modified Bessel function of the first kind, order 0 (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50 && term > 1e-12 * sum; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/**
 * A streaming band-limited resampler: windowed-sinc interpolation (Kaiser window, beta 8) evaluated at each output
 * instant from a finely sampled kernel table (polyphase with 256 phases per input sample, interpolated). When
 * downsampling, the sinc is stretched so that it also low-passes at 90% of the output's Nyquist frequency
 * (no aliasing); when upsampling, it cuts at 90% of the input's Nyquist frequency.
 *
 * The output does not depend on how the input is split into pushes. Output sample `n` is the signal at input
 * time `n * inputRate / outputRate`; it is emitted once the input reaches `half-width` samples past that time
 * (the look-ahead, {@link latencySamples}); the signal before the first sample is taken as silence.
 */
export class Resampler {
  /** Look-ahead of the filter, in input samples: how far behind the input the output lags. */
  readonly latencySamples: number;
  private readonly halfWidth: number;
  private readonly table: Float32Array;
  private readonly tableScale: number;
  private readonly passThrough: boolean;
  private buffer: Float32Array;
  private length = 0;
  /** Output samples produced so far. */
  private produced = 0;
  /** Input samples dropped from the front of `buffer` so far (the silence before the first one included). */
  private dropped = 0;

  /**
   * @param inputRate - the rate of pushed samples, in Hz (> 0)
   * @param outputRate - the rate of the output, in Hz (> 0)
   * @throws RangeError naming the rate
   */
  constructor(readonly inputRate: number, readonly outputRate: number) {
    requireNumber('Resampler', 'inputRate', inputRate, 0, Infinity, true);
    requireNumber('Resampler', 'outputRate', outputRate, 0, Infinity, true);
    this.passThrough = inputRate === outputRate;
    const scale = Math.min(1, outputRate / inputRate);
    const cutoff = 0.5 * scale * PASS_FRACTION; // cycles per input sample
    this.halfWidth = this.passThrough ? 0 : Math.ceil(ZERO_CROSSINGS / scale);
    this.latencySamples = this.halfWidth;
    this.table = new Float32Array(this.halfWidth * TABLE_RESOLUTION + 2);
    this.tableScale = TABLE_RESOLUTION;
    const norm = besselI0(KAISER_BETA);
    for (let i = 0; i < this.table.length; i++) {
      const u = i / TABLE_RESOLUTION;
      const r = u / this.halfWidth;
      const window = r >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / norm;
      const x = 2 * cutoff * u;
      this.table[i] = 2 * cutoff * (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x)) * window;
    }
    this.buffer = new Float32Array(4096);
    this.reset();
  }

  /** Resamples the next input samples; returns the output samples they completed (possibly none). */
  push(input: Float32Array): Float32Array {
    if (this.passThrough) return input.slice();
    this.append(input);
    const h = this.halfWidth;
    const buffer = this.buffer;
    const out: number[] = [];
    for (;;) {
      // the output instant in buffer coordinates, computed afresh (not accumulated) so that it never depends on the pushes
      const t = (this.produced * this.inputRate) / this.outputRate + h - this.dropped;
      const base = Math.floor(t);
      if (base + h >= this.length) break;
      let sum = 0;
      for (let k = base - h + 1; k <= base + h; k++) {
        const at = Math.abs(t - k) * this.tableScale;
        const i = Math.floor(at);
        const f = at - i;
        sum += buffer[k]! * (this.table[i]! + f * (this.table[i + 1]! - this.table[i]!));
      }
      out.push(sum);
      this.produced++;
    }
    this.discard(Math.floor((this.produced * this.inputRate) / this.outputRate + h - this.dropped) - h + 1);
    return Float32Array.from(out);
  }

  /** Forgets the input so far: the next push starts after silence again. */
  reset(): void {
    this.buffer.fill(0);
    this.length = this.halfWidth; // silence before the first sample
    this.produced = 0;
    this.dropped = 0;
  }

  private append(input: Float32Array): void {
    if (this.length + input.length > this.buffer.length) {
      const grown = new Float32Array(Math.max(this.buffer.length * 2, this.length + input.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(input, this.length);
    this.length += input.length;
  }

  private discard(count: number): void {
    if (count <= 0) return;
    this.buffer.copyWithin(0, count, this.length);
    this.length -= count;
    this.dropped += count;
  }
}
