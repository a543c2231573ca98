/** Training data as tensors: checks, splits and row gathering. */
import { SpecMismatchError } from '../collaborator/errors.js';
import type { Tensor } from '../runtime/tensor.js';
import { NonFiniteError } from './errors.js';
import { allFinite } from './mlp.js';

/** Inputs and targets: row i of `y` is the wanted output for row i of `x`. */
export interface Dataset {
  /** Inputs, float32 [n, inputSize]. */
  readonly x: Tensor;
  /** Targets, float32 [n, outputSize]. */
  readonly y: Tensor;
}

/** A checked dataset: flat rows. */
export interface Rows {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly count: number;
}

/**
 * Checks that `data` fits a model of `inputSize` -> `outputSize` and holds finite values.
 * @throws SpecMismatchError for a wrong dtype or shape; NonFiniteError for NaN or Infinity
 */
export function checkDataset(owner: string, data: Dataset, inputSize: number, outputSize: number): Rows {
  if (typeof data !== 'object' || data === null) throw new TypeError(`${owner}: data must be { x, y } tensors`);
  const check = (name: string, t: Tensor, width: number): Float32Array => {
    if (!t || t.dtype !== 'float32' || t.rank !== 2 || t.dims[1] !== width) {
      throw new SpecMismatchError(`${owner}: ${name} must be a float32 tensor [n, ${width}], got ${t?.dtype} [${t?.dims?.join(', ')}]`);
    }
    const values = t.data as Float32Array;
    if (!allFinite(values)) throw new NonFiniteError(`${owner}: ${name} holds a value that is not finite`);
    return values;
  };
  const x = check('x', data.x, inputSize);
  const y = check('y', data.y, outputSize);
  if (data.x.dims[0] !== data.y.dims[0]) throw new SpecMismatchError(`${owner}: x has ${data.x.dims[0]} rows but y has ${data.y.dims[0]}`);
  return { x, y, count: data.x.dims[0] };
}

/** Rows [start, end) of `rows`, as views. */
export function sliceRows(rows: Rows, start: number, end: number): Rows {
  const inW = rows.x.length / Math.max(rows.count, 1);
  const outW = rows.y.length / Math.max(rows.count, 1);
  return { x: rows.x.subarray(start * inW, end * inW), y: rows.y.subarray(start * outW, end * outW), count: end - start };
}

/** Copies rows `order[from..from+count)` of `src` (rows of `width`) into `dst`, packed. */
export function gatherRows(src: Float32Array, width: number, order: Uint32Array, from: number, count: number, dst: Float32Array): void {
  for (let i = 0; i < count; i++) {
    const s = order[from + i] * width;
    dst.set(src.subarray(s, s + width), i * width);
  }
}
