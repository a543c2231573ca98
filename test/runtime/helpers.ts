import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Tensor } from '../../src/runtime/tensor.js';
import { random } from './tensor-checks.js';

export { expectClose, random, uniform } from './tensor-checks.js';

const ROOT = new URL('../../', import.meta.url);

/** The bytes of a file, relative to the repository root. */
export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, ROOT)));
}

/** Per row, each branch allows a random non-empty subset of its actions (1 = allowed). */
export function randomMasks(batch: number, branches: readonly number[], seed: number): Tensor<'float32'> {
  const next = random(seed);
  const width = branches.reduce((a, b) => a + b, 0);
  const t = Tensor.zeros('float32', [batch, width]);
  for (let row = 0; row < batch; row++) {
    let offset = row * width;
    for (const size of branches) {
      for (let a = 0; a < size; a++) t.data[offset + a] = next() < 0.5 ? 1 : 0;
      t.data[offset + Math.floor(next() * size)] = 1;
      offset += size;
    }
  }
  return t;
}

/** Asserts every chosen discrete action (int64 [batch, branches]) is allowed by its row's mask. */
export function expectAllowed(actions: Tensor, mask: Tensor, branches: readonly number[]): void {
  const batch = mask.dims[0];
  const width = mask.dims[1];
  for (let row = 0; row < batch; row++) {
    let offset = 0;
    branches.forEach((size, b) => {
      const action = Number(actions.data[row * branches.length + b]);
      expect(action, `row ${row} branch ${b}`).to.be.within(0, size - 1);
      expect(mask.data[row * width + offset + action], `row ${row} branch ${b}: action ${action} is masked`).to.equal(1);
      offset += size;
    });
  }
}
