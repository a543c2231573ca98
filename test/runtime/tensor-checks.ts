/**
 * The browser-safe part of the test helpers (no Node module): seeded tensors and the closeness check. Re-exported
 * by helpers.ts; also bundled into browser fixtures (test/browser/fixtures/webgpu-kernels).
 */
import { expect } from 'chai';
import { Tensor } from '../../src/runtime/tensor.js';

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
