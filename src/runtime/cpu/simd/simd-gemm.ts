import type { SimdArena } from './simd-arena.js';

/** `n` rounded up to the GEMM's panel width (8 columns). */
export function panelWidth(n: number): number {
  return (n + 7) & ~7;
}

/** One GEMM on an arena's memory: byte addresses and byte strides, as the WebAssembly kernel takes them. */
export interface SimdGemmCall {
  a: number;
  lda: number;
  b: number;
  ldb: number;
  c: number;
  ldc: number;
  m: number;
  /** Columns: a multiple of 8 (see {@link panelWidth}). */
  n: number;
  k: number;
  /** Per-column bias (`bcolStep` 4) or the zero block (address 0, step 0). */
  bcol: number;
  bcolStep: number;
  /** Per-row bias (`browStep` 4) or the zero block (address 0, step 0). */
  brow: number;
  browStep: number;
  /** Output bounds: the fused activation (+-Infinity for none). */
  lo: number;
  hi: number;
  /** Whether C's previous contents are added (a residual). */
  accumulate: boolean;
}

/** Rows of A per call, so that a chunk of A (about 64 KiB) stays in cache while the panels of B stream past. */
function chunkRows(k: number): number {
  return Math.max(4, Math.floor(16384 / Math.max(k, 1)) & ~3);
}

/** Runs `call` on the arena's SIMD GEMM, in chunks of rows. */
export function runSimdGemm(arena: SimdArena, call: SimdGemmCall): void {
  const fn = call.accumulate ? arena.kernels.gemmAcc : arena.kernels.gemm;
  const { a, lda, b, ldb, c, ldc, m, n, k, bcol, bcolStep, brow, browStep, lo, hi } = call;
  const chunk = chunkRows(k);
  for (let i0 = 0; i0 < m; i0 += chunk) {
    fn(a + i0 * lda, lda, b, ldb, c + i0 * ldc, ldc, Math.min(chunk, m - i0), n, k, bcol, bcolStep, brow + i0 * browStep, browStep, lo, hi);
  }
}

/**
 * Copies `rows` rows of `cols` floats from `src` (rows `srcStride` apart, from `srcOffset`) to `dst` (rows
 * `dstStride` apart, from `dstOffset`): one block copy when both are contiguous.
 */
export function copyRows(src: Float32Array, srcOffset: number, srcStride: number, dst: Float32Array, dstOffset: number, dstStride: number, rows: number, cols: number): void {
  if (srcStride === cols && dstStride === cols) {
    dst.set(src.subarray(srcOffset, srcOffset + rows * cols), dstOffset);
    return;
  }
  for (let r = 0; r < rows; r++) {
    for (let i = srcOffset + r * srcStride, o = dstOffset + r * dstStride, end = i + cols; i < end; i++, o++) dst[o] = src[i];
  }
}
