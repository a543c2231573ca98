import type { Tensor } from '../../tensor.js';

/** Row-major strides of a shape. */
export function stridesOf(dims: readonly number[]): number[] {
  const strides = new Array<number>(dims.length);
  let stride = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= dims[i];
  }
  return strides;
}

/** Whether two shapes are equal. */
export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Product of `dims[from..to)`. */
export function sizeBetween(dims: readonly number[], from: number, to = dims.length): number {
  let size = 1;
  for (let i = from; i < to; i++) size *= dims[i];
  return size;
}

/**
 * The numpy broadcast of shapes (right-aligned; each dimension equal or 1), or undefined when they do not
 * broadcast together.
 */
export function broadcastShapes(shapes: readonly (readonly number[])[]): number[] | undefined {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    const offset = rank - shape.length;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i];
      const o = out[offset + i];
      if (d === o || d === 1) continue;
      if (o !== 1) return undefined;
      out[offset + i] = d;
    }
  }
  return out;
}

/** Strides of `dims` read as broadcast to `outDims`: 0 on every broadcast (or missing) dimension. */
export function broadcastStrides(dims: readonly number[], outDims: readonly number[]): number[] {
  const strides = stridesOf(dims);
  const offset = outDims.length - dims.length;
  return outDims.map((d, i) => (i < offset || (dims[i - offset] === 1 && d !== 1) ? 0 : strides[i - offset]));
}

/** The elements of an int32 or int64 tensor as numbers (shapes, axes, indices). */
export function integersOf(tensor: Tensor): number[] {
  return Array.from(tensor.data as ArrayLike<number | bigint>, Number);
}

/** A shape as text for error messages. */
export function shapeText(dims: readonly number[]): string {
  return `[${dims.join(', ')}]`;
}
