import { sameDims } from './shape.js';

/**
 * A walk over an n-dimensional index space as rows: `rows` runs of `length` elements, operand `j` starting row
 * `r` at `offsets[j][r]` and stepping `steps[j]` inside a row. Dimensions of size 1 are dropped and adjacent
 * dimensions that every operand walks contiguously are merged, so that a same-shape walk is one long row.
 */
export interface StridedPlan {
  readonly rows: number;
  readonly length: number;
  readonly steps: readonly number[];
  readonly offsets: readonly Int32Array[];
}

/**
 * Plans a walk over `dims` where operand `j` has element strides `strides[j]` (0 on broadcast dimensions).
 * @param base - each operand's offset of the first element (default 0)
 */
export function planStrided(dims: readonly number[], strides: readonly (readonly number[])[], base?: readonly number[]): StridedPlan {
  const count = strides.length;
  const keptDims: number[] = [];
  const keptStrides: number[][] = strides.map(() => []);
  for (let i = 0; i < dims.length; i++) {
    if (dims[i] === 1) continue;
    const last = keptDims.length - 1;
    const mergeable = last >= 0 && strides.every((s, j) => keptStrides[j][last] === s[i] * dims[i]);
    if (mergeable) {
      keptDims[last] *= dims[i];
      for (let j = 0; j < count; j++) keptStrides[j][last] = strides[j][i];
    } else {
      keptDims.push(dims[i]);
      for (let j = 0; j < count; j++) keptStrides[j].push(strides[j][i]);
    }
  }
  const empty = dims.some((d) => d === 0);
  const inner = keptDims.length - 1;
  const length = empty ? 0 : inner >= 0 ? keptDims[inner] : 1;
  const steps = keptStrides.map((s) => (inner >= 0 ? s[inner] : 0));
  let rows = empty ? 0 : 1;
  for (let i = 0; i < inner; i++) rows *= keptDims[i];
  const offsets = strides.map(() => new Int32Array(rows));
  const index = new Array<number>(Math.max(inner, 0)).fill(0);
  const current = strides.map((_, j) => base?.[j] ?? 0);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < count; j++) offsets[j][r] = current[j];
    for (let d = inner - 1; d >= 0; d--) {
      for (let j = 0; j < count; j++) current[j] += keptStrides[j][d];
      if (++index[d] < keptDims[d]) break;
      for (let j = 0; j < count; j++) current[j] -= keptStrides[j][d] * keptDims[d];
      index[d] = 0;
    }
  }
  return { rows, length, steps, offsets };
}

/** Remembers the last plan made for a list of input shapes, so that runs with unchanged shapes plan nothing. */
export class PlanCache<P> {
  private key: readonly (readonly number[])[] = [];
  private plan: P | undefined;

  /** The plan for `shapes`, made with `make` when the shapes differ from the last call's. */
  get(shapes: readonly (readonly number[])[], make: () => P): P {
    if (this.plan === undefined || shapes.length !== this.key.length || !shapes.every((s, i) => sameDims(s, this.key[i]))) {
      this.plan = make();
      this.key = shapes.map((s) => [...s]);
    }
    return this.plan;
  }
}

/** Copies along a two-operand plan (source, destination): the gather step of Transpose and Slice, any dtype. */
export function copyStrided(plan: StridedPlan, source: ArrayLike<unknown>, target: { [i: number]: unknown }): void {
  const src = source as Float32Array, dst = target as Float32Array;
  const [so, doff] = plan.offsets;
  const [ss, ds] = plan.steps;
  for (let r = 0; r < plan.rows; r++) {
    for (let k = 0, s = so[r], d = doff[r]; k < plan.length; k++, s += ss, d += ds) dst[d] = src[s];
  }
}
