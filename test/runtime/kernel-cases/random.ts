import { expect } from 'chai';
import type { Tensor } from '../../../src/runtime/tensor.js';
import { f32, full, type KernelCase } from './case.js';

function moments(t: Tensor): { mean: number; variance: number } {
  const values = Array.from(t.data as Float32Array);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, variance: values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length };
}

function frequencies(t: Tensor, classes: number, row: number, samples: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let s = 0; s < samples; s++) counts[Number(t.data[row * samples + s])]++;
  return counts.map((c) => c / samples);
}

/** The random ops, checked by their statistics (determinism per seed is checked by the test runner). */
export const randomCases: KernelCase[] = [
  {
    name: 'RandomNormalLike has the requested mean and variance',
    op: 'RandomNormalLike',
    attributes: { mean: 2, scale: 0.5, seed: 7 },
    inputs: [full([200, 100], 0)],
    expected: ([y]) => {
      expect(y.dims).to.deep.equal([200, 100]);
      const { mean, variance } = moments(y);
      expect(mean).to.be.closeTo(2, 0.02);
      expect(variance).to.be.closeTo(0.25, 0.02);
    },
  },
  {
    name: 'Multinomial draws classes with softmax(logits) frequencies',
    op: 'Multinomial',
    attributes: { sample_size: 20000, seed: 3 },
    inputs: [f32([2, 3], [Math.log(0.2), Math.log(0.3), Math.log(0.5), 5, 5, -Infinity])],
    expected: ([y]) => {
      expect(y.dtype).to.equal('int32');
      expect(y.dims).to.deep.equal([2, 20000]);
      frequencies(y, 3, 0, 20000).forEach((p, i) => expect(p).to.be.closeTo([0.2, 0.3, 0.5][i], 0.015));
      const second = frequencies(y, 3, 1, 20000);
      expect(second[2]).to.equal(0);
      expect(second[0]).to.be.closeTo(0.5, 0.015);
    },
  },
  {
    name: 'Multinomial with int64 output and unnormalised logits',
    op: 'Multinomial',
    attributes: { sample_size: 5000, dtype: 7, seed: 11 },
    inputs: [f32([1, 2], [10 + Math.log(3), 10])],
    expected: ([y]) => {
      expect(y.dtype).to.equal('int64');
      expect(frequencies(y, 2, 0, 5000)[0]).to.be.closeTo(0.75, 0.02);
    },
  },
  { name: 'Multinomial rejects a float dtype', op: 'Multinomial', attributes: { dtype: 1 }, inputs: [f32([1, 2], [0, 0])], throws: /'dtype' = 1 is not supported/ },
];
