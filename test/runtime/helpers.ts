import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Tensor } from '../../src/runtime/tensor.js';

const ROOT = new URL('../../', import.meta.url);

/** The bytes of a file, relative to the repository root. */
export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, ROOT)));
}

/** A seeded generator of floats in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A float32 tensor of uniform values in [low, high). */
export function uniform(dims: readonly number[], seed: number, low = -1, high = 1): Tensor<'float32'> {
  const next = random(seed);
  const t = Tensor.zeros('float32', dims);
  for (let i = 0; i < t.data.length; i++) t.data[i] = low + (high - low) * next();
  return t;
}

/** Asserts `actual` matches `expected` in dtype, dims and values within abs + rel * |expected|. */
export function expectClose(actual: Tensor | undefined, expected: Tensor | undefined, what: string, abs = 1e-4, rel = 1e-3): void {
  expect(actual, `${what}: missing`).to.not.equal(undefined);
  expect(expected, `${what}: no reference`).to.not.equal(undefined);
  expect(actual!.dtype, `${what}: dtype`).to.equal(expected!.dtype);
  expect([...actual!.dims], `${what}: dims`).to.deep.equal([...expected!.dims]);
  const a = actual!.data;
  const e = expected!.data;
  let worst = 0;
  let at = -1;
  for (let i = 0; i < e.length; i++) {
    const x = Number(a[i]);
    const y = Number(e[i]);
    const excess = Math.abs(x - y) - (abs + rel * Math.abs(y));
    if (!(excess <= worst)) {
      worst = Number.isNaN(excess) ? Infinity : excess;
      at = i;
    }
  }
  if (at >= 0) expect.fail(`${what}: element ${at} is ${Number(a[at])}, expected ${Number(e[at])} (tolerance ${abs} + ${rel} x |expected|)`);
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
