import { SimdArena } from '../simd/simd-arena.js';
import { copyRows, panelWidth, runSimdGemm } from '../simd/simd-gemm.js';
import type { Bounds } from './activation.js';
import type { Window } from './window.js';

/** The geometry of one run: the window and the input's channels and plane. */
export interface ConvGeometry {
  readonly window: Window;
  readonly images: number;
  readonly channels: number;
  readonly h: number;
  readonly w: number;
}

/** Whether the SIMD depthwise kernel covers a window: 3x3, stride 1, no dilation. */
function simdDepthwise(window: Window): boolean {
  return window.kh === 3 && window.kw === 3 && window.sh === 1 && window.sw === 1 && window.dh === 1 && window.dw === 1;
}

/**
 * Writes the im2col matrix of one group of one image into `out` from `at`: row (c, ky, kx), column p (an output
 * pixel), rows `stride` floats apart, zero where the tap falls in the padding.
 */
function im2col(x: Float32Array, base: number, g: ConvGeometry, channels: number, out: Float32Array, at: number, stride: number): void {
  const { kh, kw, sh, sw, dh, dw, padTop, padLeft, oh, ow } = g.window;
  const { h, w } = g;
  let row = at;
  for (let c = 0; c < channels; c++) {
    const plane = base + c * h * w;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++, row += stride) {
        const offset = kx * dw - padLeft;
        // Output columns whose tap falls inside the input: iw = ox * sw + offset in [0, w).
        const first = Math.min(ow, Math.max(0, Math.ceil(-offset / sw)));
        const last = Math.max(first, Math.min(ow, Math.floor((w - 1 - offset) / sw) + 1));
        for (let oy = 0, o = row; oy < oh; oy++, o += ow) {
          const ih = oy * sh - padTop + ky * dh;
          if (ih < 0 || ih >= h) {
            out.fill(0, o, o + ow);
            continue;
          }
          const src = plane + ih * w + offset;
          out.fill(0, o, o + first);
          for (let ox = first; ox < last; ox++) out[o + ox] = x[src + ox * sw];
          out.fill(0, o + last, o + ow);
        }
      }
    }
  }
}

/**
 * A Conv with constant weights on the WebAssembly SIMD kernels: each group as one GEMM, weights (M/g x K) times
 * the im2col matrix (K x pixels; the input itself for a pointwise conv), with the bias, a residual and the fused
 * activation in the GEMM's epilogue; 3x3 stride-1 depthwise convs on the SIMD depthwise kernel over a zero-padded
 * copy of the input. The weights and bias live in the kernel's own WebAssembly memory.
 */
export class SimdConv {
  private readonly arena: SimdArena;
  private readonly weights: number;
  private readonly bias: number;

  private constructor(arena: SimdArena, w: Float32Array, private readonly outChannels: number, private readonly group: number) {
    this.arena = arena;
    this.weights = arena.allocate(w.length);
    arena.f32.set(w, this.weights / 4);
    this.bias = arena.allocate(outChannels);
  }

  /** A SIMD conv for constant weights `w` ([M, C/group, kh, kw]), or null where WebAssembly SIMD is unavailable. */
  static create(w: Float32Array, outChannels: number, group: number): SimdConv | null {
    const arena = SimdArena.create();
    return arena ? new SimdConv(arena, w, outChannels, group) : null;
  }

  /** Whether `g` is a depthwise conv (one input and one output channel per group, more than one group). */
  private depthwiseShaped(g: ConvGeometry): boolean {
    return this.group > 1 && this.group === g.channels && this.group === this.outChannels;
  }

  /** Whether this conv runs here for `g` (depthwise convs only with a 3x3 stride-1 window). */
  covers(g: ConvGeometry): boolean {
    return !this.depthwiseShaped(g) || simdDepthwise(g.window);
  }

  /**
   * y = clamp(conv(x) + bias + z); `bias` and `z` (the residual, shaped like y) optional.
   * Depthwise convs leave the residual to the caller: it returns false when it did not add `z`.
   */
  run(g: ConvGeometry, x: Float32Array, bias: Float32Array | undefined, z: Float32Array | undefined, y: Float32Array, bounds: Bounds): boolean {
    const memory = this.arena.f32;
    if (bias) memory.set(bias, this.bias / 4);
    if (this.depthwiseShaped(g)) {
      this.depthwise(g, x, bias !== undefined, y, z ? { lo: -Infinity, hi: Infinity } : bounds);
      return false;
    }
    const { kh, kw, sh, sw, padTop, padLeft, padBottom, padRight, oh, ow } = g.window;
    const pixels = oh * ow, width = panelWidth(pixels);
    const inPerGroup = g.channels / this.group, outPerGroup = this.outChannels / this.group;
    const K = inPerGroup * kh * kw;
    const pointwise = kh === 1 && kw === 1 && sh === 1 && sw === 1 && padTop + padLeft + padBottom + padRight === 0;
    const bAt = this.arena.reserve(K * width + outPerGroup * width);
    const cAt = bAt + K * width * 4;
    const f32 = this.arena.f32;
    for (let n = 0; n < g.images; n++) {
      for (let grp = 0; grp < this.group; grp++) {
        const base = (n * g.channels + grp * inPerGroup) * g.h * g.w;
        if (pointwise) copyRows(x, base, pixels, f32, bAt / 4, width, inPerGroup, pixels);
        else im2col(x, base, g, inPerGroup, f32, bAt / 4, width);
        const outBase = (n * this.outChannels + grp * outPerGroup) * pixels;
        if (z) copyRows(z, outBase, pixels, f32, cAt / 4, width, outPerGroup, pixels);
        runSimdGemm(this.arena, {
          a: this.weights + grp * outPerGroup * K * 4, lda: K * 4, b: bAt, ldb: width * 4, c: cAt, ldc: width * 4, m: outPerGroup, n: width, k: K,
          bcol: 0, bcolStep: 0, brow: bias ? this.bias + grp * outPerGroup * 4 : 0, browStep: bias ? 4 : 0, lo: bounds.lo, hi: bounds.hi, accumulate: z !== undefined,
        });
        copyRows(f32, cAt / 4, width, y, outBase, pixels, outPerGroup, pixels);
      }
    }
    return true;
  }

  /** The 3x3 stride-1 depthwise conv, plane by plane over a zero-padded copy of the input (copied in once). */
  private depthwise(g: ConvGeometry, x: Float32Array, withBias: boolean, y: Float32Array, bounds: Bounds): void {
    const { padTop, padLeft, oh, ow } = g.window;
    const { h, w, channels } = g;
    const ow4 = (ow + 3) & ~3, rowLength = ow4 + 2, planeLength = (oh + 2) * rowLength;
    const inAt = this.arena.reserve(x.length + planeLength + oh * ow4);
    const xAt = inAt + x.length * 4, yAt = xAt + planeLength * 4;
    const f32 = this.arena.f32;
    f32.set(x, inAt / 4);
    const { depthwise3x3, copyRows: copyIn } = this.arena.kernels;
    for (let plane = 0; plane < g.images * channels; plane++) {
      const c = plane % channels;
      f32.fill(0, xAt / 4, xAt / 4 + planeLength);
      copyIn(inAt + plane * h * w * 4, w * 4, xAt + (padTop * rowLength + padLeft) * 4, rowLength * 4, h, w * 4);
      depthwise3x3(xAt, rowLength * 4, this.weights + c * 36, withBias ? this.bias + c * 4 : 0, yAt, ow4 * 4, oh, ow4, bounds.lo, bounds.hi);
      copyRows(f32, yAt / 4, ow4, y, plane * oh * ow, ow, oh, ow);
    }
  }
}
