import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { gemm, MR, packB, packedSize, stridedPacker } from './gemm-core.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { broadcastShapes, broadcastStrides, shapeText, sizeBetween, stridesOf } from './shape.js';
import { PlanCache, planStrided } from './strided.js';
import type { StridedPlan } from './strided.js';

interface MatMulPlan {
  readonly M: number;
  readonly K: number;
  readonly N: number;
  /** The output shape (promoted 1-D dimensions removed). */
  readonly dims: number[];
  /** Batches and the offsets of A, B and Y in each; B's offsets are all 0 when B has no batch dimensions. */
  readonly batches: StridedPlan;
  /** Whether B is one matrix shared by every batch, so A's batches fold into its rows. */
  readonly sharedB: boolean;
}

/**
 * MatMul with numpy semantics: batched over leading dimensions with broadcasting; a 1-D A is a row vector and
 * a 1-D B a column vector, their promoted dimension removed from the result. A constant 2-D (or 1-D) B is packed
 * once at compile time and A's batches fold into one GEMM.
 */
export const matMulKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const constantB = context.constantInput(1);
  const prepack = constantB && constantB.dtype === 'float32' && constantB.rank <= 2;
  const prepacked = prepack
    ? constantB.rank === 1
      ? packB(constantB.data as Float32Array, 0, 1, 1, constantB.dims[0], 1)
      : packB(constantB.data as Float32Array, 0, constantB.dims[1], 1, constantB.dims[0], constantB.dims[1])
    : undefined;
  const plans = new PlanCache<MatMulPlan>();
  const slot = new OutputSlot();
  let packed = new Float32Array(0);
  let scratch = new Float32Array(0);

  const planFor = (a: Tensor, b: Tensor): MatMulPlan => {
    if (a.rank === 0 || b.rank === 0) throw reader.error(`inputs must be at least 1-D, got ${shapeText(a.dims)} and ${shapeText(b.dims)}`);
    const aDims = a.rank === 1 ? [1, a.dims[0]] : [...a.dims];
    const bDims = b.rank === 1 ? [b.dims[0], 1] : [...b.dims];
    const [M, K] = aDims.slice(-2);
    const [kb, N] = bDims.slice(-2);
    if (K !== kb) throw reader.error(`inner dimensions differ: A ${shapeText(a.dims)}, B ${shapeText(b.dims)}`);
    const aBatch = aDims.slice(0, -2), bBatch = bDims.slice(0, -2);
    const batch = broadcastShapes([aBatch, bBatch]);
    if (!batch) throw reader.error(`batch dimensions of A ${shapeText(a.dims)} and B ${shapeText(b.dims)} do not broadcast`);
    const sharedB = sizeBetween(bBatch, 0) === 1;
    const dims = [...batch, ...(a.rank === 1 ? [] : [M]), ...(b.rank === 1 ? [] : [N])];
    const strides = sharedB
      ? [[0], [0], [0]]
      : [broadcastStrides(aBatch, batch).map((s) => s * M * K), broadcastStrides(bBatch, batch).map((s) => s * K * N), stridesOf(batch).map((s) => s * M * N)];
    const batches = planStrided(sharedB ? [1] : batch, strides);
    return { M: sharedB ? sizeBetween(aDims, 0, aDims.length - 1) : M, K, N, dims, batches, sharedB };
  };

  return {
    run(inputs) {
      const a = reader.typed(inputs, 0, ['float32']);
      const b = reader.typed(inputs, 1, ['float32']);
      const { M, K, N, dims, batches } = plans.get([a.dims, b.dims], () => planFor(a, b));
      const y = slot.get('float32', dims);
      if (scratch.length < K * MR) scratch = new Float32Array(K * MR);
      const size = packedSize(K, N);
      if (!prepacked && packed.length !== size) packed = new Float32Array(size);
      const [ao, bo, yo] = batches.offsets;
      const [as, bs, ys] = batches.steps;
      const target = { data: y.data, offset: 0, rowStride: N, colStride: 1, accumulate: false };
      for (let r = 0; r < batches.rows; r++) {
        for (let t = 0; t < batches.length; t++) {
          const bOffset = bo[r] + t * bs;
          if (!prepacked) packB(b.data, bOffset, N, 1, K, N, 1, packed);
          target.offset = yo[r] + t * ys;
          gemm(M, N, K, stridedPacker(a.data, ao[r] + t * as, K, 1, K), prepacked ?? packed, target, scratch);
        }
      }
      return [y];
    },
  };
};
