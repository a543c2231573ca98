import type { NodeReader } from './node-reader.js';
import { shapeText } from './shape.js';

/**
 * The geometry of a 2-D sliding window (Conv, MaxPool, AveragePool) over an input of H x W: kernel, strides,
 * dilations, the padding at the start of each axis and the output size. 1-D windows are read as 2-D with a
 * height of 1.
 */
export interface Window {
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly dh: number;
  readonly dw: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly padBottom: number;
  readonly padRight: number;
  readonly oh: number;
  readonly ow: number;
}

/** The window attributes of a node, checked at compile time; spatial rank 1 or 2. */
export interface WindowAttributes {
  readonly kernel: readonly number[] | undefined;
  readonly strides: readonly number[] | undefined;
  readonly dilations: readonly number[] | undefined;
  readonly pads: readonly number[] | undefined;
  readonly autoPad: 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';
  readonly ceilMode: boolean;
}

/** Reads kernel_shape, strides, dilations, pads, auto_pad and ceil_mode; rejects more than 2 spatial axes. */
export function readWindowAttributes(reader: NodeReader): WindowAttributes {
  const attributes: WindowAttributes = {
    kernel: reader.ints('kernel_shape', undefined),
    strides: reader.ints('strides', undefined),
    dilations: reader.ints('dilations', undefined),
    pads: reader.ints('pads', undefined),
    autoPad: reader.choice('auto_pad', 'NOTSET', ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID']),
    ceilMode: reader.int('ceil_mode', 0) !== 0,
  };
  const spatial = attributes.kernel?.length ?? attributes.strides?.length ?? 2;
  if (spatial > 2) throw reader.error(`only 1-D and 2-D windows are supported, got ${spatial}-D (kernel_shape ${shapeText(attributes.kernel ?? [])})`);
  for (const [name, list, min] of [['strides', attributes.strides, 1], ['dilations', attributes.dilations, 1], ['kernel_shape', attributes.kernel, 1], ['pads', attributes.pads, 0]] as const) {
    if (list?.some((v) => v < min)) throw reader.error(`attribute '${name}' must hold integers >= ${min}, got ${shapeText(list)}`);
  }
  return attributes;
}

/** Expands a per-spatial-axis list to 2-D: `fallback` for an absent list, and for the height of a 1-D window. */
function twoD(list: readonly number[] | undefined, spatial: number, fallback: number): [number, number] {
  if (!list) return [fallback, fallback];
  return spatial === 1 ? [fallback, list[0]] : [list[0], list[1]];
}

function outputAndPads(size: number, k: number, s: number, d: number, begin: number, end: number, attrs: WindowAttributes): [out: number, begin: number, end: number] {
  const extent = (k - 1) * d + 1;
  switch (attrs.autoPad) {
    case 'VALID':
      return [Math.floor((size - extent) / s) + 1, 0, 0];
    case 'SAME_UPPER':
    case 'SAME_LOWER': {
      const out = Math.ceil(size / s);
      const total = Math.max(0, (out - 1) * s + extent - size);
      const small = Math.floor(total / 2);
      return attrs.autoPad === 'SAME_UPPER' ? [out, small, total - small] : [out, total - small, small];
    }
    default: {
      const span = size + begin + end - extent;
      let out = (attrs.ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
      if (attrs.ceilMode && (out - 1) * s >= size + begin) out--;
      return [out, begin, end];
    }
  }
}

/**
 * The window over an input of spatial size `spatialDims` (1 or 2 axes) with the kernel `kernel` (from the
 * attribute or the weights).
 * @throws KernelError when the rank does not match the attributes or the output would be empty
 */
export function planWindow(reader: NodeReader, attrs: WindowAttributes, spatialDims: readonly number[], kernel: readonly number[]): Window {
  const spatial = spatialDims.length;
  if (spatial < 1 || spatial > 2 || kernel.length !== spatial) {
    throw reader.error(`expects 1 or 2 spatial axes matching kernel_shape ${shapeText(kernel)}, got spatial dims ${shapeText(spatialDims)}`);
  }
  const [h, w] = twoD(spatialDims, spatial, 1);
  const [kh, kw] = twoD(kernel, spatial, 1);
  const [sh, sw] = twoD(attrs.strides, spatial, 1);
  const [dh, dw] = twoD(attrs.dilations, spatial, 1);
  const pads = attrs.pads ?? new Array<number>(2 * spatial).fill(0);
  if (pads.length !== 2 * spatial) throw reader.error(`attribute 'pads' must hold ${2 * spatial} values, got ${shapeText(pads)}`);
  const [pt, pl, pb, pr] = spatial === 1 ? [0, pads[0], 0, pads[1]] : pads;
  const [oh, padTop, padBottom] = outputAndPads(h, kh, sh, dh, pt, pb, attrs);
  const [ow, padLeft, padRight] = outputAndPads(w, kw, sw, dw, pl, pr, attrs);
  if (oh < 1 || ow < 1) throw reader.error(`the window ${shapeText(kernel)} does not fit the input ${shapeText(spatialDims)} with pads ${shapeText(pads)}`);
  return { kh, kw, sh, sw, dh, dw, padTop, padLeft, padBottom, padRight, oh, ow };
}

/**
 * For each output position along one axis, the first and one-past-last kernel taps that fall inside the input
 * (so inner loops need no bounds checks).
 */
export function tapRanges(out: number, size: number, k: number, s: number, d: number, pad: number): { start: Int32Array; end: Int32Array } {
  const start = new Int32Array(out);
  const end = new Int32Array(out);
  for (let o = 0; o < out; o++) {
    const origin = o * s - pad;
    let first = 0;
    while (first < k && origin + first * d < 0) first++;
    let last = k;
    while (last > first && origin + (last - 1) * d >= size) last--;
    start[o] = first;
    end[o] = last;
  }
  return { start, end };
}
