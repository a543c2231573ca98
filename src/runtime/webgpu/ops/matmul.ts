import { NodeReader } from '../../cpu/ops/node-reader.js';
import { broadcastShapes, broadcastStrides } from '../../cpu/ops/shape.js';
import { Tensor } from '../../tensor.js';
import { f32Bits } from '../kernel.js';
import type { Binding, GpuOpFactory, NodePlan } from '../kernel.js';
import { storage, uniformBlock } from '../wgsl.js';
import { makeKernel, padDims, uniforms } from './common.js';
import type { Activation } from './common.js';
import { planGemm } from './gemm-shader.js';
import type { GemmAccess } from './gemm-shader.js';

/** Batch dimensions a MatMul may broadcast over on the GPU. */
const MAX_BATCH_RANK = 4;

/** The most workgroups a dispatch may have along one dimension: larger products run on the CPU. */
const MAX_WORKGROUPS = 65535;

/**
 * Words: 0 M, 1 N, 2 K, 3 A row stride, 4 A k stride, 5 B k stride, 6 B column stride, 7 batch rank,
 * 8-11 batch dims, 12-15 A batch strides, 16-19 B batch strides, 20 C row stride, 21 C column stride,
 * 22 alpha, 23 beta.
 */
function matrixAccess(bias: boolean): GemmAccess {
  return {
    declarations: storage(0, 'a', 'f32', false) + storage(1, 'b', 'f32', false)
      + (bias ? storage(2, 'c', 'f32', false) + storage(3, 'y', 'f32', true) + uniformBlock(4) : storage(2, 'y', 'f32', true) + uniformBlock(3))
      + `// Offset of a batch (row-major over the broadcast batch dims) in an operand with batch strides from stridesAt.
fn batchOffset(batch: u32, stridesAt: u32) -> u32 {
  var rest = batch;
  var offset = 0u;
  for (var d = i32(word(7u)) - 1; d >= 0; d--) {
    let size = word(8u + u32(d));
    offset += (rest % size) * word(stridesAt + u32(d));
    rest /= size;
  }
  return offset;
}
`,
    prologue: `  let aBase = batchOffset(batch, 12u);
  let bBase = batchOffset(batch, 16u);
  let aRow = word(3u);
  let aK = word(4u);
  let bK = word(5u);
  let bCol = word(6u);
  let yBase = batch * M * N;
  // C = alpha * A B (+ beta * bias broadcast over [M, N]), then the fused activation.
  let alpha = fword(22u);
${bias ? '  let beta = fword(23u);\n  let cRow = word(20u);\n  let cCol = word(21u);\n' : ''}`,
    aStart: (row) => `aBase + ${row} * aRow`,
    aStride: 'aK',
    bStart: (col) => `bBase + ${col} * bCol`,
    bStride: 'bK',
    loadB: (offset) => `b[${offset}]`,
    store: (row, col, value) => `y[yBase + ${row} * N + ${col}] = activate(alpha * ${value}${bias ? ` + beta * c[${row} * cRow + ${col} * cCol]` : ''});`,
  };
}

interface MatrixGeometry {
  readonly M: number;
  readonly N: number;
  readonly K: number;
  readonly a: readonly [row: number, k: number];
  readonly b: readonly [k: number, col: number];
  readonly batchDims: readonly number[];
  readonly aBatch: readonly number[];
  readonly bBatch: readonly number[];
}

function dispatchFor(name: string, geometry: MatrixGeometry, act: Activation, bias: { binding: Binding; strides: readonly number[]; beta: number } | undefined, alpha: number,
  reads: Binding[], output: string): NodePlan | undefined {
  const { M, N, K, batchDims } = geometry;
  const batches = batchDims.reduce((x, y) => x * y, 1);
  const padded = (list: readonly number[]): number[] => [...list, ...new Array<number>(MAX_BATCH_RANK - list.length).fill(0)];
  const words = [M, N, K, ...geometry.a, ...geometry.b, batchDims.length, ...padded(batchDims), ...padded(geometry.aBatch), ...padded(geometry.bBatch),
    bias?.strides[0] ?? 0, bias?.strides[1] ?? 0, f32Bits(alpha), f32Bits(bias?.beta ?? 0)];
  const gemm = planGemm(M, N, K, batches);
  if (gemm.workgroups.some((count) => count > MAX_WORKGROUPS)) return undefined;
  const kernel = makeKernel(`${name} ${gemm.variant}${act.kind !== 'none' ? `+${act.kind}` : ''}`, `gemm:${gemm.variant}:${bias ? 'bias' : 'nobias'}:${act.kind}`,
    () => gemm.shader(matrixAccess(bias !== undefined), act.kind), { workgroups: gemm.workgroups, uniforms: uniforms(words, act) });
  return { dispatches: [{ kernel, reads: bias ? [...reads, bias.binding] : reads, writes: [{ value: output }] }] };
}

/** Gemm: transA / transB through strides (a constant transposed B is packed row-major at load), alpha, beta, C broadcast. */
const compileGemm: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const transA = reader.int('transA', 0) !== 0;
  let transB = reader.int('transB', 0) !== 0;
  const alpha = reader.float('alpha', 1), beta = reader.float('beta', 1);
  const constantB = context.constantInput(1);
  let packedB: Tensor | undefined;
  if (constantB && transB && constantB.dtype === 'float32' && constantB.rank === 2) {
    const [n, k] = constantB.dims;
    const src = constantB.data as Float32Array, dst = new Float32Array(n * k);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) dst[j * n + i] = src[i * k + j];
    packedB = new Tensor('float32', dst, [k, n]);
    transB = false;
  }
  return {
    plan(plan) {
      const a = plan.input(0)!, b = plan.input(1)!, c = plan.input(2);
      if (a.dtype !== 'float32' || b.dtype !== 'float32' || (c && c.dtype !== 'float32') || a.dims.length !== 2 || b.dims.length !== 2) return undefined;
      const [M, K] = transA ? [a.dims[1], a.dims[0]] : a.dims;
      const N = packedB ? packedB.dims[1] : transB ? b.dims[0] : b.dims[1];
      const geometry: MatrixGeometry = {
        M, N, K, a: transA ? [1, M] : [K, 1], b: transB ? [1, K] : [N, 1], batchDims: [], aBatch: [], bBatch: [],
      };
      const bias = c && beta !== 0 ? { binding: { value: node.inputs[2] }, strides: broadcastStrides(c.dims, [M, N]), beta } : undefined;
      const bBinding: Binding = packedB ? { packed: packedB } : { value: node.inputs[1] };
      return dispatchFor('Gemm', geometry, context.activation, bias, alpha, [{ value: node.inputs[0] }, bBinding], node.outputs[0]);
    },
  };
};

/** MatMul with numpy semantics: 1-D operands promoted, batch dimensions broadcast (up to four). */
const compileMatMul: GpuOpFactory = (context) => {
  const { node } = context;
  return {
    plan(plan) {
      const a = plan.input(0)!, b = plan.input(1)!;
      if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
      const aDims = a.dims.length === 1 ? [1, a.dims[0]] : a.dims;
      const bDims = b.dims.length === 1 ? [b.dims[0], 1] : b.dims;
      const [M, K] = aDims.slice(-2), N = bDims[bDims.length - 1];
      const aBatchDims = aDims.slice(0, -2), bBatchDims = bDims.slice(0, -2);
      const batchDims = broadcastShapes([aBatchDims, bBatchDims]);
      if (!batchDims || batchDims.length > MAX_BATCH_RANK) return undefined;
      const aBatch = broadcastStrides(padDims(aBatchDims, batchDims.length), batchDims);
      const bBatch = broadcastStrides(padDims(bBatchDims, batchDims.length), batchDims);
      const scale = (list: number[], by: number): number[] => list.map((s) => s * by);
      // One B for every batch and A not broadcast: a single product of all A's rows (batches x M) by B.
      const folded = bBatch.every((s) => s === 0) && padDims(aBatchDims, batchDims.length).every((d, i) => d === batchDims[i]);
      const geometry: MatrixGeometry = folded
        ? { M: M * batchDims.reduce((x, y) => x * y, 1), N, K, a: [K, 1], b: [N, 1], batchDims: [], aBatch: [], bBatch: [] }
        : { M, N, K, a: [K, 1], b: [N, 1], batchDims, aBatch: scale(aBatch, M * K), bBatch: scale(bBatch, K * N) };
      return dispatchFor('MatMul', geometry, context.activation, undefined, 1, [{ value: node.inputs[0] }, { value: node.inputs[1] }], node.outputs[0]);
    },
  };
};

/** The matrix GPU ops, by op type. */
export const matrixOps: Record<string, GpuOpFactory> = { Gemm: compileGemm, MatMul: compileMatMul };
