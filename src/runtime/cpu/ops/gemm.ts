import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { SimdArena } from '../simd/simd-arena.js';
import { copyRows, panelWidth, runSimdGemm } from '../simd/simd-gemm.js';
import { bounded, clampInPlace, readActivation } from './activation.js';
import type { Bounds } from './activation.js';
import { gemm, MR, packB, packedSize, stridedPacker } from './gemm-core.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { broadcastStrides, shapeText } from './shape.js';

/** Packs B of Gemm (K x N, or N x K when transposed) times alpha into `out`. */
function packGemmB(b: Tensor<'float32'>, transB: boolean, alpha: number, out?: Float32Array): Float32Array {
  const [rows, cols] = b.dims;
  return transB ? packB(b.data, 0, 1, cols, cols, rows, alpha, out) : packB(b.data, 0, cols, 1, rows, cols, alpha, out);
}

/** Gemm's attributes, with the fused activation of a FusedGemm. */
export interface GemmAttributes {
  readonly alpha: number;
  readonly beta: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly activation: Bounds;
}

/** Reads Gemm's attributes with their ONNX defaults. */
export function readGemm(reader: NodeReader): GemmAttributes {
  return {
    alpha: reader.float('alpha', 1),
    beta: reader.float('beta', 1),
    transA: reader.int('transA', 0) !== 0,
    transB: reader.int('transB', 0) !== 0,
    activation: readActivation(reader),
  };
}

/** [M, K, N] of a Gemm of A by B (of dims `bDims`), both 2-D with matching inner dimensions. */
export function gemmShape(reader: NodeReader, a: Tensor, bDims: readonly number[], { transA, transB }: GemmAttributes): [number, number, number] {
  if (a.dims.length !== 2 || bDims.length !== 2) throw reader.error(`A and B must be 2-D, got ${shapeText(a.dims)} and ${shapeText(bDims)}`);
  const K = a.dims[transA ? 0 : 1];
  if (bDims[transB ? 1 : 0] !== K) throw reader.error(`inner dimensions differ: A ${shapeText(a.dims)} (transA=${+transA}), B ${shapeText(bDims)} (transB=${+transB})`);
  return [a.dims[transA ? 1 : 0], K, bDims[transB ? 0 : 1]];
}

/** Copies rows `i0` to `i0 + rows` of A' (A [M, K], or A^T when `transA`) into `memory` from float `at`, K floats a row. */
export function copyA(a: Float32Array, transA: boolean, M: number, K: number, i0: number, rows: number, memory: Float32Array, at: number): void {
  if (!transA) {
    copyRows(a, i0 * K, K, memory, at, K, rows, K);
    return;
  }
  for (let i = i0, o = at; i < i0 + rows; i++) for (let k = 0; k < K; k++, o++) memory[o] = a[k * M + i];
}

/** A constant B (times alpha) and bias (times beta) laid out in a SIMD arena: B as K x panelWidth(N) rows. */
export interface SimdWeights {
  readonly K: number;
  readonly N: number;
  readonly b: number;
  /** The per-column bias's address, or 0 (the zero block) when C is absent or not a row vector. */
  readonly bias: number;
}

/** Lays out a constant B and, when it broadcasts along rows, a constant C in `arena`'s fixed part. */
export function layOutWeights(arena: SimdArena, b: Tensor<'float32'>, { transB, alpha, beta }: GemmAttributes, c: Tensor | undefined): SimdWeights {
  const [K, N] = transB ? [b.dims[1], b.dims[0]] : b.dims;
  const width = panelWidth(N);
  const at = arena.allocate(K * width);
  let memory = arena.f32;
  for (let k = 0; k < K; k++) {
    for (let j = 0, o = at / 4 + k * width; j < N; j++, o++) memory[o] = alpha * b.data[transB ? j * K + k : k * N + j];
  }
  const rowVector = c && c.dtype === 'float32' && beta !== 0 && (c.size === 1 || (c.size === N && c.dims[c.rank - 1] === N));
  let bias = 0;
  if (rowVector) {
    bias = arena.allocate(width);
    memory = arena.f32;
    for (let j = 0; j < N; j++) memory[bias / 4 + j] = beta * (c.data[c.size === 1 ? 0 : j] as number);
  }
  return { K, N, b: at, bias };
}

/**
 * Gemm: `Y = alpha * A' * B' + beta * C` with A' = A or A^T (`transA`), B' = B or B^T (`transB`), C optional and
 * broadcast to [M, N]. A constant B (times alpha) is laid out once at compile time for the WebAssembly SIMD GEMM,
 * with a constant row-vector C as its bias; elsewhere B is packed for the TypeScript GEMM. FusedGemm (see
 * passes/fusion.ts) adds a fused activation, applied in the GEMM's epilogue.
 */
export const gemmKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const attributes = readGemm(reader);
  const { alpha, beta, transA, transB, activation } = attributes;
  const constantB = context.constantInput(1);
  if (constantB && (constantB.dtype !== 'float32' || constantB.rank !== 2)) {
    throw reader.error(`input B must be a 2-D float32 matrix, got ${constantB.dtype} ${shapeText(constantB.dims)}`);
  }
  const constantC = context.constantInput(2);
  const arena = constantB ? SimdArena.create() : null;
  const simd = arena ? layOutWeights(arena, constantB as Tensor<'float32'>, attributes, constantC) : null;
  const biasInEpilogue = simd !== null && simd.bias !== 0 && constantC !== undefined;
  const prepacked = constantB && !simd ? packGemmB(constantB as Tensor<'float32'>, transB, alpha) : undefined;
  let packed = new Float32Array(0);
  let scratch = new Float32Array(0);
  const slot = new OutputSlot();

  /** Y = beta * C broadcast to [M, N]; false when C is absent (or beta is 0). */
  const fillC = (c: Tensor | undefined, y: Float32Array, M: number, N: number): boolean => {
    if (c === undefined || beta === 0) return false;
    if (c.dtype !== 'float32') throw reader.error(`input C must be float32, got ${c.dtype}`);
    const strides = c.rank <= 2 && c.dims.every((d, i) => d === 1 || d === [M, N][i + 2 - c.rank]) ? broadcastStrides(c.dims, [M, N]) : undefined;
    if (!strides) throw reader.error(`C ${shapeText(c.dims)} does not broadcast to [${M}, ${N}]`);
    const [rs, cs] = strides;
    const src = c.data as Float32Array;
    for (let i = 0, o = 0; i < M; i++) for (let j = 0; j < N; j++, o++) y[o] = beta * src[i * rs + j * cs];
    return true;
  };

  const runSimd = (arena: SimdArena, w: SimdWeights, a: Tensor<'float32'>, c: Tensor | undefined, M: number, y: Tensor<'float32'>): void => {
    const { K, N } = w;
    const width = panelWidth(N);
    const at = arena.reserve(M * K + M * width);
    const cAt = at + M * K * 4;
    const memory = arena.f32;
    copyA(a.data, transA, M, K, 0, M, memory, at / 4);
    const accumulate = !biasInEpilogue && fillC(c, y.data, M, N);
    if (accumulate) copyRows(y.data, 0, N, memory, cAt / 4, width, M, N);
    runSimdGemm(arena, {
      a: at, lda: K * 4, b: w.b, ldb: width * 4, c: cAt, ldc: width * 4, m: M, n: width, k: K,
      bcol: w.bias, bcolStep: w.bias ? 4 : 0, brow: 0, browStep: 0, lo: activation.lo, hi: activation.hi, accumulate,
    });
    copyRows(memory, cAt / 4, width, y.data, 0, N, M, N);
  };

  return {
    run(inputs) {
      const a = reader.typed(inputs, 0, ['float32']);
      const b = reader.typed(inputs, 1, ['float32']);
      const [M, K, N] = gemmShape(reader, a, b.dims, attributes);
      const y = slot.get('float32', [M, N]);
      if (arena && simd) {
        runSimd(arena, simd, a, inputs[2], M, y);
        return [y];
      }
      if (!prepacked) {
        if (packed.length !== packedSize(K, N)) packed = new Float32Array(packedSize(K, N));
        packGemmB(b, transB, alpha, packed);
      }
      if (scratch.length < K * MR) scratch = new Float32Array(K * MR);
      const withC = fillC(inputs[2], y.data, M, N);
      const packA = transA ? stridedPacker(a.data, 0, 1, M, K) : stridedPacker(a.data, 0, K, 1, K);
      gemm(M, N, K, packA, prepacked ?? packed, { data: y.data, offset: 0, rowStride: N, colStride: 1, accumulate: withC }, scratch);
      if (bounded(activation)) clampInPlace(y.data, activation);
      return [y];
    },
  };
};
