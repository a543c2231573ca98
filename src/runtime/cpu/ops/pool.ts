import type { KernelContext, KernelFactory, CompiledKernel } from '../kernel.js';
import { SimdArena } from '../simd/simd-arena.js';
import { copyRows } from '../simd/simd-gemm.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { shapeText, sizeBetween } from './shape.js';
import { PlanCache } from './strided.js';
import { planWindow, readWindowAttributes, tapRanges } from './window.js';
import type { Window } from './window.js';

type Ranges = { start: Int32Array; end: Int32Array };

interface PoolPlan {
  readonly window: Window;
  readonly dims: number[];
  readonly h: number;
  readonly w: number;
  /** Taps inside the input, per output row and column. */
  readonly rows: Ranges;
  readonly cols: Ranges;
  /** Taps inside the input or its explicit padding (AveragePool's count_include_pad divisor). */
  readonly paddedRows: Ranges;
  readonly paddedCols: Ranges;
  /** Whether the window is 2x2, stride 2, undilated and never reaches past the input (the common downsampling). */
  readonly pairs: boolean;
}

/** MaxPool 2x2 stride 2 where every window lies inside the input: the four taps unrolled, in the general loop's order. */
function maxPool2x2(src: Float32Array, out: Float32Array, planes: number, h: number, w: number, oh: number, ow: number): void {
  for (let p = 0, o = 0; p < planes; p++) {
    for (let oy = 0; oy < oh; oy++) {
      let r0 = p * h * w + 2 * oy * w;
      for (let ox = 0; ox < ow; ox++, o++, r0 += 2) {
        const r1 = r0 + w;
        let acc = -Infinity;
        acc = src[r0] > acc ? src[r0] : acc;
        acc = src[r0 + 1] > acc ? src[r0 + 1] : acc;
        acc = src[r1] > acc ? src[r1] : acc;
        acc = src[r1 + 1] > acc ? src[r1 + 1] : acc;
        out[o] = acc;
      }
    }
  }
}

/** {@link maxPool2x2} on the arena's WebAssembly SIMD kernel, four output columns at a time. */
function simdMaxPool2x2(arena: SimdArena, src: Float32Array, out: Float32Array, planes: number, h: number, w: number, oh: number, ow: number): void {
  const ow4 = (ow + 3) & ~3;
  // The kernel reads each input row up to float 2 * ow4: the last row's overhang lands in 2 * ow4 floats of slack.
  const inAt = arena.reserve(src.length + 2 * ow4 + planes * oh * ow4);
  const yAt = inAt + (src.length + 2 * ow4) * 4;
  const f32 = arena.f32;
  f32.set(src, inAt / 4);
  const { maxPool2x2: pool } = arena.kernels;
  // Planes of an even height stack into one image of planes * oh output rows.
  if (h === 2 * oh) pool(inAt, w * 4, yAt, ow4 * 4, planes * oh, ow4 * 4);
  else for (let p = 0; p < planes; p++) pool(inAt + p * h * w * 4, w * 4, yAt + p * oh * ow4 * 4, ow4 * 4, oh, ow4 * 4);
  copyRows(f32, yAt / 4, ow4, out, 0, ow, planes * oh, ow);
}

/**
 * MaxPool and AveragePool (1-D and 2-D, NCHW): kernel_shape, strides, pads or auto_pad, ceil_mode,
 * dilations; AveragePool's count_include_pad counts the explicit padding (not the ceil_mode overhang) in the
 * divisor. MaxPool's optional Indices output is not supported. A 2x2 stride-2 MaxPool inside the input runs on a
 * WebAssembly SIMD kernel where there is one.
 */
function compilePool(context: KernelContext): CompiledKernel {
  const reader = new NodeReader(context);
  const max = context.node.opType === 'MaxPool';
  const attrs = readWindowAttributes(reader);
  const kernel = attrs.kernel;
  if (!kernel) throw reader.error(`attribute 'kernel_shape' is required`);
  const countPad = reader.int('count_include_pad', 0) !== 0;
  if (max && context.node.outputs.length > 1 && context.node.outputs[1] !== '') throw reader.error('the Indices output is not supported');
  if (max && reader.int('storage_order', 0) !== 0) throw reader.error(`attribute 'storage_order' = 1 is not supported`);
  const plans = new PlanCache<PoolPlan>();
  const slot = new OutputSlot();
  const arena = max ? SimdArena.create() : null;

  const planFor = (dims: readonly number[]): PoolPlan => {
    if (dims.length < 3 || dims.length > 4) throw reader.error(`input must be [N, C, W] or [N, C, H, W], got ${shapeText(dims)}`);
    const spatial = dims.slice(2);
    const window = planWindow(reader, attrs, spatial, kernel);
    const [h, w] = spatial.length === 1 ? [1, spatial[0]] : spatial;
    const { kh, kw, sh, sw, dh, dw, padTop, padLeft, padBottom, padRight, oh, ow } = window;
    return {
      window, h, w,
      dims: [dims[0], dims[1], ...(spatial.length === 1 ? [ow] : [oh, ow])],
      rows: tapRanges(oh, h, kh, sh, dh, padTop),
      cols: tapRanges(ow, w, kw, sw, dw, padLeft),
      paddedRows: tapRanges(oh, h + padTop + padBottom, kh, sh, dh, 0),
      paddedCols: tapRanges(ow, w + padLeft + padRight, kw, sw, dw, 0),
      pairs: kh === 2 && kw === 2 && sh === 2 && sw === 2 && dh === 1 && dw === 1 && padTop === 0 && padLeft === 0 && 2 * oh <= h && 2 * ow <= w,
    };
  };

  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      const plan = plans.get([x.dims], () => planFor(x.dims));
      const { window: { sh, sw, dh, dw, padTop, padLeft, oh, ow }, h, w, rows, cols, paddedRows, paddedCols } = plan;
      const y = slot.get('float32', plan.dims);
      const src = x.data, out = y.data;
      const planes = sizeBetween(x.dims, 0, 2);
      if (max && plan.pairs) {
        if (arena) simdMaxPool2x2(arena, src, out, planes, h, w, oh, ow);
        else maxPool2x2(src, out, planes, h, w, oh, ow);
        return [y];
      }
      for (let p = 0, o = 0; p < planes; p++) {
        const base = p * h * w;
        for (let oy = 0; oy < oh; oy++) {
          const ky0 = rows.start[oy], ky1 = rows.end[oy];
          const ih0 = oy * sh - padTop;
          for (let ox = 0; ox < ow; ox++, o++) {
            const kx0 = cols.start[ox], kx1 = cols.end[ox];
            const iw0 = ox * sw - padLeft;
            let acc = max ? -Infinity : 0;
            for (let ky = ky0; ky < ky1; ky++) {
              const row = base + (ih0 + ky * dh) * w + iw0;
              for (let kx = kx0; kx < kx1; kx++) {
                const v = src[row + kx * dw];
                if (max) acc = v > acc ? v : acc;
                else acc += v;
              }
            }
            if (!max) {
              const count = countPad
                ? (paddedRows.end[oy] - paddedRows.start[oy]) * (paddedCols.end[ox] - paddedCols.start[ox])
                : (ky1 - ky0) * (kx1 - kx0);
              acc /= count;
            }
            out[o] = acc;
          }
        }
      }
      return [y];
    },
  };
}

/** GlobalAveragePool: the mean of each channel's spatial plane, output [N, C, 1, ...]. */
export const globalAveragePoolKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      if (x.rank < 3) throw reader.error(`input must be [N, C, ...spatial], got ${shapeText(x.dims)}`);
      const y = slot.get('float32', [x.dims[0], x.dims[1], ...x.dims.slice(2).map(() => 1)]);
      const plane = sizeBetween(x.dims, 2);
      const src = x.data;
      for (let p = 0; p < y.size; p++) {
        let sum = 0;
        for (let i = p * plane, end = i + plane; i < end; i++) sum += src[i];
        y.data[p] = sum / plane;
      }
      return [y];
    },
  };
};

/** Kernel factories of MaxPool and AveragePool. */
export const poolKernels: Record<string, KernelFactory> = { MaxPool: compilePool, AveragePool: compilePool };
