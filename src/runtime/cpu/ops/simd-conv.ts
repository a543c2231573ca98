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

/** Whether the SIMD depthwise kernels cover a window: 3x3, stride 1 or 2 on both axes, no dilation. */
function simdDepthwise(window: Window): boolean {
  const { kh, kw, sh, sw, dh, dw } = window;
  return kh === 3 && kw === 3 && sh === sw && (sh === 1 || sh === 2) && dh === 1 && dw === 1;
}

/** The padded plane that holds the input and every tap of `columns` (at least ow) output columns on each row. */
function paddedPlane(g: ConvGeometry, columns: number): { hp: number; wp: number } {
  const { kh, kw, sh, sw, dh, dw, padTop, padLeft, oh } = g.window;
  return { hp: Math.max(padTop + g.h, (oh - 1) * sh + (kh - 1) * dh + 1), wp: Math.max(padLeft + g.w, columns * sw + (kw - 1) * dw) };
}

/**
 * A Conv with constant weights on the WebAssembly SIMD kernels: each group as one GEMM, weights (M/g x K) times
 * the im2col matrix (K x pixels; the input itself for a pointwise conv), with the bias, a residual and the fused
 * activation in the GEMM's epilogue; 3x3 depthwise convs of stride 1 or 2 on the SIMD depthwise kernels. Both read
 * a zero-padded copy of the input made in WebAssembly memory (im2col row by row with the strided gather). The
 * weights and bias live in the kernel's own WebAssembly memory.
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
    const { kh, kw, sh, sw, dh, dw, padTop, padLeft, padBottom, padRight, oh, ow } = g.window;
    const pixels = oh * ow, width = panelWidth(pixels);
    const inPerGroup = g.channels / this.group, outPerGroup = this.outChannels / this.group;
    const K = inPerGroup * kh * kw;
    const pointwise = kh === 1 && kw === 1 && sh === 1 && sw === 1 && padTop + padLeft + padBottom + padRight === 0;
    const { hp, wp } = paddedPlane(g, ow);
    const bAt = this.arena.reserve(K * width + outPerGroup * width + (pointwise ? 0 : x.length + inPerGroup * hp * wp));
    const cAt = bAt + K * width * 4, inAt = cAt + outPerGroup * width * 4, padAt = inAt + x.length * 4;
    const f32 = this.arena.f32;
    if (!pointwise) f32.set(x, inAt / 4);
    const { gather } = this.arena.kernels;
    for (let n = 0; n < g.images; n++) {
      for (let grp = 0; grp < this.group; grp++) {
        const base = (n * g.channels + grp * inPerGroup) * g.h * g.w;
        if (pointwise) {
          copyRows(x, base, pixels, f32, bAt / 4, width, inPerGroup, pixels);
        } else {
          this.pad(inAt + base * 4, inPerGroup, g, padAt, hp, wp);
          // Row (c, ky, kx) of the im2col matrix: the padded plane c from (ky * dh, kx * dw) in steps of (sh, sw).
          for (let c = 0, row = bAt; c < inPerGroup; c++) {
            for (let ky = 0; ky < kh; ky++) {
              for (let kx = 0; kx < kw; kx++, row += width * 4) {
                gather(padAt + (c * hp * wp + ky * dh * wp + kx * dw) * 4, sh * wp * 4, sw * 4, row, ow * 4, oh, ow);
              }
            }
          }
        }
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

  /**
   * Copies `planes` planes of the input (g.h x g.w each, one after another from byte `src`) into zero-filled planes
   * of hp x wp from byte `dst`, each at row padTop, column padLeft.
   */
  private pad(src: number, planes: number, g: ConvGeometry, dst: number, hp: number, wp: number): void {
    const { h, w, window: { padTop, padLeft } } = g;
    this.arena.f32.fill(0, dst / 4, dst / 4 + planes * hp * wp);
    const { copyRows: copyIn } = this.arena.kernels;
    for (let p = 0; p < planes; p++) copyIn(src + p * h * w * 4, w * 4, dst + (p * hp * wp + padTop * wp + padLeft) * 4, wp * 4, h, w * 4);
  }

  /** The 3x3 depthwise conv (stride 1 or 2), plane by plane over a zero-padded copy of the input (copied in once). */
  private depthwise(g: ConvGeometry, x: Float32Array, withBias: boolean, y: Float32Array, bounds: Bounds): void {
    const { oh, ow, sw } = g.window;
    const { h, w, channels } = g;
    // Output rows of ow rounded up to 4 columns: the kernels write 4 columns at a time.
    const ow4 = (ow + 3) & ~3;
    const { hp, wp } = paddedPlane(g, ow4);
    const inAt = this.arena.reserve(x.length + hp * wp + oh * ow4);
    const xAt = inAt + x.length * 4, yAt = xAt + hp * wp * 4;
    const f32 = this.arena.f32;
    f32.set(x, inAt / 4);
    const kernel = sw === 1 ? this.arena.kernels.depthwise3x3 : this.arena.kernels.depthwise3x3s2;
    for (let plane = 0; plane < g.images * channels; plane++) {
      const c = plane % channels;
      this.pad(inAt + plane * h * w * 4, 1, g, xAt, hp, wp);
      kernel(xAt, wp * 4, this.weights + c * 36, withBias ? this.bias + c * 4 : 0, yAt, ow4 * 4, oh, ow4, bounds.lo, bounds.hi);
      copyRows(f32, yAt / 4, ow4, y, plane * oh * ow, ow, oh, ow);
    }
  }
}
