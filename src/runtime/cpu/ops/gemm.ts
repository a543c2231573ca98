import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { gemm, MR, packB, packedSize, stridedPacker } from './gemm-core.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { broadcastStrides, shapeText } from './shape.js';

/** Packs B of Gemm (K x N, or N x K when transposed) times alpha into `out`. */
function packGemmB(b: Tensor<'float32'>, transB: boolean, alpha: number, out?: Float32Array): Float32Array {
  const [rows, cols] = b.dims;
  return transB ? packB(b.data, 0, 1, cols, cols, rows, alpha, out) : packB(b.data, 0, cols, 1, rows, cols, alpha, out);
}

/**
 * Gemm: `Y = alpha * A' * B' + beta * C` with A' = A or A^T (`transA`), B' = B or B^T (`transB`), C optional and
 * broadcast to [M, N]. A constant B is packed (times alpha) once at compile time.
 */
export const gemmKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const alpha = reader.float('alpha', 1);
  const beta = reader.float('beta', 1);
  const transA = reader.int('transA', 0) !== 0;
  const transB = reader.int('transB', 0) !== 0;
  const constantB = context.constantInput(1);
  if (constantB && (constantB.dtype !== 'float32' || constantB.rank !== 2)) {
    throw reader.error(`input B must be a 2-D float32 matrix, got ${constantB.dtype} ${shapeText(constantB.dims)}`);
  }
  const prepacked = constantB ? packGemmB(constantB as Tensor<'float32'>, transB, alpha) : undefined;
  let packed = new Float32Array(0);
  let scratch = new Float32Array(0);
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const a = reader.typed(inputs, 0, ['float32']);
      const b = reader.typed(inputs, 1, ['float32']);
      if (a.rank !== 2 || b.rank !== 2) throw reader.error(`A and B must be 2-D, got ${shapeText(a.dims)} and ${shapeText(b.dims)}`);
      const [M, K] = transA ? [a.dims[1], a.dims[0]] : a.dims;
      const [kb, N] = transB ? [b.dims[1], b.dims[0]] : b.dims;
      if (kb !== K) throw reader.error(`inner dimensions differ: A ${shapeText(a.dims)} (transA=${+transA}), B ${shapeText(b.dims)} (transB=${+transB})`);
      if (!prepacked) {
        if (packed.length !== packedSize(K, N)) packed = new Float32Array(packedSize(K, N));
        packGemmB(b, transB, alpha, packed);
      }
      if (scratch.length < K * MR) scratch = new Float32Array(K * MR);
      const y = slot.get('float32', [M, N]);
      const c = inputs[2];
      const withC = c !== undefined && beta !== 0;
      if (withC) {
        if (c.dtype !== 'float32') throw reader.error(`input C must be float32, got ${c.dtype}`);
        const strides = c.rank <= 2 && c.dims.every((d, i) => d === 1 || d === [M, N][i + 2 - c.rank]) ? broadcastStrides(c.dims, [M, N]) : undefined;
        if (!strides) throw reader.error(`C ${shapeText(c.dims)} does not broadcast to [${M}, ${N}]`);
        const [rs, cs] = strides;
        const src = c.data as Float32Array, dst = y.data;
        for (let i = 0, o = 0; i < M; i++) for (let j = 0; j < N; j++, o++) dst[o] = beta * src[i * rs + j * cs];
      }
      const packA = transA ? stridedPacker(a.data, 0, 1, M, K) : stridedPacker(a.data, 0, K, 1, K);
      gemm(M, N, K, packA, prepacked ?? packed, { data: y.data, offset: 0, rowStride: N, colStride: 1, accumulate: withC }, scratch);
      return [y];
    },
  };
};
