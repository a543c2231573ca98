/**
 * The packed single-precision GEMM in TypeScript, for the matrix ops without constant weights (MatMul of two
 * computed values, LSTM) and everywhere WebAssembly SIMD is unavailable (constant weights otherwise run on
 * simd/gemm-wasm.ts): `C = A * B` (or `C += A * B`), B packed once into panels of {@link NR} columns, A packed
 * per block of {@link MR} rows by a caller-given packer (plain strides, or implicit im2col for Conv), and a 4x4
 * register-blocked micro-kernel over the two panels.
 */

/** Rows of A per packed block. */
export const MR = 4;
/** Columns of B per packed panel. */
export const NR = 4;

/**
 * Fills `panel` with `rows` (1 to {@link MR}) rows of A starting at row `i0`: A(i0 + r, k) at `panel[k * rows + r]`.
 * Called once per block of rows, never per element.
 */
export type PanelPacker = (panel: Float32Array, i0: number, rows: number) => void;

/** Where C lives: C(i, j) at `data[offset + i * rowStride + j * colStride]`; `accumulate` adds to what is there. */
export interface GemmTarget {
  data: Float32Array;
  offset: number;
  rowStride: number;
  colStride: number;
  accumulate: boolean;
}

/** Size of B packed by {@link packB}. */
export function packedSize(K: number, N: number): number {
  return Math.ceil(N / NR) * K * NR;
}

/**
 * Packs B (K x N) with B(k, j) at `b[offset + k * rowStride + j * colStride]`, times `scale`, into panels of
 * {@link NR} columns (zero-padded): panel p holds B(k, p*NR + q) at `(p * K + k) * NR + q`.
 * @param out - where to pack (at least {@link packedSize}); a new array when omitted
 */
export function packB(b: Float32Array, offset: number, rowStride: number, colStride: number, K: number, N: number, scale = 1, out?: Float32Array): Float32Array {
  const packed = out ?? new Float32Array(packedSize(K, N));
  let o = 0;
  for (let j0 = 0; j0 < N; j0 += NR) {
    const cols = Math.min(NR, N - j0);
    for (let k = 0; k < K; k++) {
      const row = offset + k * rowStride + j0 * colStride;
      for (let q = 0; q < NR; q++) packed[o++] = q < cols ? b[row + q * colStride] * scale : 0;
    }
  }
  return packed;
}

/** A packer for A (M x K) with A(i, k) at `a[offset + i * rowStride + k * colStride]`. */
export function stridedPacker(a: Float32Array, offset: number, rowStride: number, colStride: number, K: number): PanelPacker {
  return (panel, i0, rows) => {
    for (let r = 0; r < rows; r++) {
      let src = offset + (i0 + r) * rowStride;
      for (let k = 0, o = r; k < K; k++, o += rows, src += colStride) panel[o] = a[src];
    }
  };
}

/** Stores one result into C, adding to it when accumulating. */
function put(c: Float32Array, o: number, value: number, accumulate: boolean): void {
  c[o] = accumulate ? c[o] + value : value;
}

/** The 4x4 micro-kernel: C(i0..i0+3, j0..j0+cols) from a packed A block and B panel. */
function micro4x4(ap: Float32Array, bp: Float32Array, pb: number, K: number, c: GemmTarget, i0: number, j0: number, cols: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let pa = 0, end = K * 4; pa < end; pa += 4, pb += 4) {
    const b0 = bp[pb], b1 = bp[pb + 1], b2 = bp[pb + 2], b3 = bp[pb + 3];
    const x0 = ap[pa], x1 = ap[pa + 1], x2 = ap[pa + 2], x3 = ap[pa + 3];
    c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
    c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
    c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
    c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
  }
  const { data, rowStride: rs, colStride: cs, accumulate: acc } = c;
  const o = c.offset + i0 * rs + j0 * cs;
  if (cols === 4) {
    put(data, o, c00, acc); put(data, o + cs, c01, acc); put(data, o + 2 * cs, c02, acc); put(data, o + 3 * cs, c03, acc);
    put(data, o + rs, c10, acc); put(data, o + rs + cs, c11, acc); put(data, o + rs + 2 * cs, c12, acc); put(data, o + rs + 3 * cs, c13, acc);
    const o2 = o + 2 * rs, o3 = o + 3 * rs;
    put(data, o2, c20, acc); put(data, o2 + cs, c21, acc); put(data, o2 + 2 * cs, c22, acc); put(data, o2 + 3 * cs, c23, acc);
    put(data, o3, c30, acc); put(data, o3 + cs, c31, acc); put(data, o3 + 2 * cs, c32, acc); put(data, o3 + 3 * cs, c33, acc);
    return;
  }
  const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < 4; r++) for (let q = 0; q < cols; q++) put(data, o + r * rs + q * cs, tile[r * 4 + q], acc);
}

/** The 1x4 micro-kernel for the rows left over after the 4-row blocks (and batch-1 GEMV). */
function micro1x4(ap: Float32Array, bp: Float32Array, pb: number, K: number, c: GemmTarget, i0: number, j0: number, cols: number): void {
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (let k = 0; k < K; k++, pb += 4) {
    const x = ap[k];
    c0 += x * bp[pb]; c1 += x * bp[pb + 1]; c2 += x * bp[pb + 2]; c3 += x * bp[pb + 3];
  }
  const { data, colStride: cs, accumulate: acc } = c;
  const o = c.offset + i0 * c.rowStride + j0 * cs;
  put(data, o, c0, acc);
  if (cols > 1) put(data, o + cs, c1, acc);
  if (cols > 2) put(data, o + 2 * cs, c2, acc);
  if (cols > 3) put(data, o + 3 * cs, c3, acc);
}

/**
 * C (M x N) = A (M x K, read through `packA`) times packed B (from {@link packB}).
 * @param scratch - at least `K * MR` floats for the packed A block
 */
export function gemm(M: number, N: number, K: number, packA: PanelPacker, packedB: Float32Array, c: GemmTarget, scratch: Float32Array): void {
  let i0 = 0;
  for (; i0 + MR <= M; i0 += MR) {
    packA(scratch, i0, MR);
    for (let j0 = 0, pb = 0; j0 < N; j0 += NR, pb += K * NR) micro4x4(scratch, packedB, pb, K, c, i0, j0, Math.min(NR, N - j0));
  }
  for (; i0 < M; i0++) {
    packA(scratch, i0, 1);
    for (let j0 = 0, pb = 0; j0 < N; j0 += NR, pb += K * NR) micro1x4(scratch, packedB, pb, K, c, i0, j0, Math.min(NR, N - j0));
  }
}
