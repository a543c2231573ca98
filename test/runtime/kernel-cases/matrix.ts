import { f32, iota, type KernelCase } from './case.js';

/**
 * Gemm without C on M x K x N ramps, checked against the three textbook loops: sizes that leave partial row
 * blocks and column panels (M >= 8 also takes the SIMD path where there is one).
 */
function gemmAgainstLoops(M: number, K: number, N: number): KernelCase {
  const a = iota([M, K], 0, 0.1), b = iota([K, N], -1, 0.05);
  return {
    name: `Gemm without C over ${M} x ${K} x ${N} (edge tiles)`,
    op: 'Gemm',
    inputs: [a, b],
    constants: [1],
    expected: ([y]) => {
      const x = a.data as Float32Array, w = b.data as Float32Array, out = y.data as Float32Array;
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += x[i * K + k] * w[k * N + j];
        if (Math.abs(out[i * N + j] - s) > 1e-4 * (1 + Math.abs(s))) throw new Error(`Y[${i}, ${j}] = ${out[i * N + j]}, expected ${s}`);
      }
    },
  };
}

/** Gemm and MatMul. */
export const matrixCases: KernelCase[] = [
  {
    name: 'Gemm with a constant B and a bias row',
    op: 'Gemm',
    inputs: [f32([2, 2], [1, 2, 3, 4]), f32([2, 3], [1, 0, 2, 0, 1, 3]), f32([3], [10, 20, 30])],
    constants: [1, 2],
    expected: [f32([2, 3], [11, 22, 38, 13, 24, 48])],
  },
  {
    name: 'Gemm with transA, transB, alpha, beta and a column C',
    op: 'Gemm',
    attributes: { transA: 1, transB: 1, alpha: 0.5, beta: 2 },
    inputs: [f32([2, 2], [1, 3, 2, 4]), f32([3, 2], [1, 0, 0, 1, 2, 3]), f32([2, 1], [1, -1])],
    expected: [f32([2, 3], [2.5, 3, 6, -0.5, 0, 7])],
  },
  gemmAgainstLoops(5, 6, 7),
  gemmAgainstLoops(11, 9, 7),
  { name: 'Gemm rejects mismatched inner dimensions', op: 'Gemm', inputs: [iota([2, 3]), iota([2, 2])], throws: /inner dimensions differ: A \[2, 3\]/ },
  { name: 'MatMul of 2-D matrices', op: 'MatMul', inputs: [f32([2, 3], [1, 2, 3, 4, 5, 6]), f32([3, 1], [1, 0, -1])], constants: [1], expected: [f32([2, 1], [-2, -2])] },
  { name: 'MatMul batched with a shared B', op: 'MatMul', inputs: [iota([2, 2, 2]), f32([2, 2], [1, 1, 0, 1])], constants: [1], expected: [f32([2, 2, 2], [0, 1, 2, 5, 4, 9, 6, 13])] },
  {
    name: 'MatMul broadcasting batch dimensions [2, 1, 1, 2] x [3, 2, 1]',
    op: 'MatMul',
    inputs: [f32([2, 1, 1, 2], [1, 2, 3, 4]), f32([3, 2, 1], [1, 0, 0, 1, 1, 1])],
    expected: [f32([2, 3, 1, 1], [1, 2, 3, 3, 4, 7])],
  },
  { name: 'MatMul of a 1-D A', op: 'MatMul', inputs: [f32([2], [1, 2]), f32([2, 3], [1, 2, 3, 4, 5, 6])], expected: [f32([3], [9, 12, 15])] },
  { name: 'MatMul of a 1-D B', op: 'MatMul', inputs: [f32([2, 2], [1, 2, 3, 4]), f32([2], [1, -1])], constants: [1], expected: [f32([2], [-1, -1])] },
  { name: 'MatMul of two vectors', op: 'MatMul', inputs: [f32([3], [1, 2, 3]), f32([3], [4, 5, 6])], expected: [f32([], [32])] },
  { name: 'MatMul rejects mismatched inner dimensions', op: 'MatMul', inputs: [iota([2, 3]), iota([2, 3])], throws: /inner dimensions differ/ },
];
