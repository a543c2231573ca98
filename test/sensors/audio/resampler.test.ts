import { expect } from 'chai';
import { Resampler } from '../../../src/sensors/audio/resampler.js';
import { rms } from '../../../src/sensors/audio/features.js';

function sine(frequency: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate));
}

/** Frequency from the positive-going zero crossings between the first and the last one, with linear interpolation. */
function frequencyOf(samples: Float32Array, rate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    if (samples[i - 1]! < 0 && samples[i]! >= 0) crossings.push(i - 1 + samples[i - 1]! / (samples[i - 1]! - samples[i]!));
  }
  return ((crossings.length - 1) * rate) / (crossings.at(-1)! - crossings[0]!);
}

function pushAll(resampler: Resampler, input: Float32Array, size: number): Float32Array {
  const parts: Float32Array[] = [];
  for (let at = 0; at < input.length; at += size) parts.push(resampler.push(input.subarray(at, at + size)));
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

describe('Resampler', () => {
  describe('#push()', () => {
    for (const [from, to, frequency] of [[44_100, 16_000, 1000], [48_000, 16_000, 3000], [8000, 16_000, 440], [22_050, 16_000, 6000]] as const) {
      it(`keeps a ${frequency} Hz sine's frequency and amplitude from ${from} Hz to ${to} Hz`, () => {
        const out = pushAll(new Resampler(from, to), sine(frequency, from, 1), 1000);
        const steady = out.subarray(200, out.length - 200);
        expect(frequencyOf(steady, to)).to.be.closeTo(frequency, frequency * 1e-3);
        expect(rms(steady)).to.be.closeTo(0.5 / Math.SQRT2, 0.01);
      });
    }

    it('removes what the output cannot represent: a 12 kHz sine at 48 kHz is gone at 16 kHz (no alias at 4 kHz)', () => {
      const out = pushAll(new Resampler(48_000, 16_000), sine(12_000, 48_000, 1), 1000);
      expect(rms(out.subarray(200))).to.be.lessThan(0.005);
    });

    it('produces one output sample per inputRate/outputRate input samples, lagging by the filter half-width', () => {
      const resampler = new Resampler(44_100, 16_000);
      const out = pushAll(resampler, sine(1000, 44_100, 1), 441);
      const expected = Math.floor(((44_100 - resampler.latencySamples - 1) * 16_000) / 44_100) + 1;
      expect(out.length).to.equal(expected);
    });

    it('gives the same output whatever the push sizes', () => {
      const input = sine(1234, 44_100, 0.5);
      const a = pushAll(new Resampler(44_100, 16_000), input, 1);
      const b = pushAll(new Resampler(44_100, 16_000), input, 4096);
      const c = pushAll(new Resampler(44_100, 16_000), input, 37);
      expect(b).to.deep.equal(a);
      expect(c).to.deep.equal(a);
    });

    it('passes samples through unchanged at equal rates', () => {
      const input = sine(1000, 16_000, 0.1);
      expect(new Resampler(16_000, 16_000).push(input)).to.deep.equal(input);
    });
  });

  describe('constructor', () => {
    it('throws a RangeError naming a rate that is not positive', () => {
      expect(() => new Resampler(0, 16_000)).to.throw(RangeError, /'inputRate'.*got 0/);
      expect(() => new Resampler(44_100, Number.NaN)).to.throw(RangeError, /'outputRate'.*got NaN/);
    });
  });

  describe('#reset()', () => {
    it('starts again after silence: the same input gives the same output', () => {
      const resampler = new Resampler(48_000, 16_000);
      const input = sine(500, 48_000, 0.2);
      const first = resampler.push(input);
      resampler.reset();
      expect(resampler.push(input)).to.deep.equal(first);
    });
  });
});
