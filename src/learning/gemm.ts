/**
 * The CPU matrix kernels of {@link Mlp}: one register-blocked product `C = A * B^T` (rows of A against rows of B,
 * both contiguous: the inner loop is a dot product over K with sixteen independent accumulators), transposes,
 * and row sums. Forward, weight gradients and input gradients are all written as this one product.
 */

/**
 * `C[m, n] = sum_k A[aOff + m*K + k] * B[bOff + n*K + k]` (+ `bias[biasOff + n]` when `biasOff >= 0`), for
 * m < M, n < N; C is row-major [M, N] at `cOff` and is overwritten.
 */
export function gemmNT(
  M: number, N: number, K: number,
  A: Float32Array, aOff: number, B: Float32Array, bOff: number,
  C: Float32Array, cOff: number, bias: Float32Array, biasOff: number,
): void {
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const a0 = aOff + m * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    const r0 = cOff + m * N, r1 = r0 + N, r2 = r1 + N, r3 = r2 + N;
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const b0 = bOff + n * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
        const w0 = B[b0 + k], w1 = B[b1 + k], w2 = B[b2 + k], w3 = B[b3 + k];
        c00 += x0 * w0; c01 += x0 * w1; c02 += x0 * w2; c03 += x0 * w3;
        c10 += x1 * w0; c11 += x1 * w1; c12 += x1 * w2; c13 += x1 * w3;
        c20 += x2 * w0; c21 += x2 * w1; c22 += x2 * w2; c23 += x2 * w3;
        c30 += x3 * w0; c31 += x3 * w1; c32 += x3 * w2; c33 += x3 * w3;
      }
      let e0 = 0, e1 = 0, e2 = 0, e3 = 0;
      if (biasOff >= 0) (e0 = bias[biasOff + n]), (e1 = bias[biasOff + n + 1]), (e2 = bias[biasOff + n + 2]), (e3 = bias[biasOff + n + 3]);
      C[r0 + n] = c00 + e0; C[r0 + n + 1] = c01 + e1; C[r0 + n + 2] = c02 + e2; C[r0 + n + 3] = c03 + e3;
      C[r1 + n] = c10 + e0; C[r1 + n + 1] = c11 + e1; C[r1 + n + 2] = c12 + e2; C[r1 + n + 3] = c13 + e3;
      C[r2 + n] = c20 + e0; C[r2 + n + 1] = c21 + e1; C[r2 + n + 2] = c22 + e2; C[r2 + n + 3] = c23 + e3;
      C[r3 + n] = c30 + e0; C[r3 + n + 1] = c31 + e1; C[r3 + n + 2] = c32 + e2; C[r3 + n + 3] = c33 + e3;
    }
    for (; n < N; n++) {
      const b0 = bOff + n * K;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let k = 0; k < K; k++) {
        const w = B[b0 + k];
        c0 += A[a0 + k] * w; c1 += A[a1 + k] * w; c2 += A[a2 + k] * w; c3 += A[a3 + k] * w;
      }
      const e = biasOff >= 0 ? bias[biasOff + n] : 0;
      C[r0 + n] = c0 + e; C[r1 + n] = c1 + e; C[r2 + n] = c2 + e; C[r3 + n] = c3 + e;
    }
  }
  for (; m < M; m++) gemvRow(N, K, A, aOff + m * K, B, bOff, C, cOff + m * N, bias, biasOff);
}

/** One row of {@link gemmNT}: `C[r + n] = A[a..a+K] . B[n-th row]` (+ bias). */
function gemvRow(N: number, K: number, A: Float32Array, a: number, B: Float32Array, bOff: number, C: Float32Array, r: number, bias: Float32Array, biasOff: number): void {
  let n = 0;
  for (; n + 4 <= N; n += 4) {
    const b0 = bOff + n * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    for (let k = 0; k < K; k++) {
      const x = A[a + k];
      c0 += x * B[b0 + k]; c1 += x * B[b1 + k]; c2 += x * B[b2 + k]; c3 += x * B[b3 + k];
    }
    if (biasOff >= 0) (c0 += bias[biasOff + n]), (c1 += bias[biasOff + n + 1]), (c2 += bias[biasOff + n + 2]), (c3 += bias[biasOff + n + 3]);
    C[r + n] = c0; C[r + n + 1] = c1; C[r + n + 2] = c2; C[r + n + 3] = c3;
  }
  for (; n < N; n++) {
    const b0 = bOff + n * K;
    let c = biasOff >= 0 ? bias[biasOff + n] : 0;
    for (let k = 0; k < K; k++) c += A[a + k] * B[b0 + k];
    C[r + n] = c;
  }
}

/** Writes the transpose of the row-major [rows, cols] matrix at `srcOff` into `dst` as [cols, rows]. */
export function transpose(src: Float32Array, srcOff: number, rows: number, cols: number, dst: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const s = srcOff + r * cols;
    for (let c = 0, d = r; c < cols; c++, d += rows) dst[d] = src[s + c];
  }
}

/** `out[outOff + r] = sum of row r` of the row-major [rows, cols] matrix `src`. */
export function rowSums(src: Float32Array, rows: number, cols: number, out: Float32Array, outOff: number): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = r * cols, end = c + cols; c < end; c++) sum += src[c];
    out[outOff + r] = sum;
  }
}
