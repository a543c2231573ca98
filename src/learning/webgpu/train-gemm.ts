/**
 * The three products of Linear-layer training as kernels of the runtime's GEMM shaders (variant chosen by shape:
 * see planGemm): only the operand access (strides in uniforms, read once per invocation) and the store differ.
 * - forward: `Y = act(X W^T + b)`, bias and activation fused into the store;
 * - weightGrad: `[dW | db] = dY^T [X | 1]`: the ones column of B makes the bias gradient the last column;
 * - inputGrad: `dX = (dY W) * act'(Y_prev)`, the previous layer's activation derivative fused into the store.
 */
import type { GpuKernel } from '../../runtime/webgpu/kernel.js';
import { makeKernel, NO_ACTIVATION, uniforms } from '../../runtime/webgpu/ops/common.js';
import { planGemm } from '../../runtime/webgpu/ops/gemm-shader.js';
import type { GemmAccess } from '../../runtime/webgpu/ops/gemm-shader.js';
import { storage, uniformBlock } from '../../runtime/webgpu/wgsl.js';
import type { Activation } from '../activation.js';
import { derivative, fusedActivation } from './activation-wgsl.js';

/** Which product of training a GEMM kernel computes (see the module notes). */
export type GemmRole = 'forward' | 'weightGrad' | 'inputGrad';

/** No ones column in B. */
const NO_COLUMN = 0xffffffff;

/**
 * The geometry of one product `C[M, N] = A[M, K] B[K, N]`. Operands are read through offsets and strides
 * (so transposes cost nothing); `store` holds the role's own words.
 */
export interface GemmGeometry {
  readonly M: number;
  readonly N: number;
  readonly K: number;
  /** A's offset, row stride and k stride. */
  readonly a: readonly [offset: number, row: number, k: number];
  /** B's offset, k stride and column stride. */
  readonly b: readonly [offset: number, k: number, column: number];
  /** The column of B that is all ones (weightGrad's bias column). @default none */
  readonly ones?: number;
  /** forward: [bias offset]; weightGrad: [weight offset, bias offset]; inputGrad: []. */
  readonly store: readonly number[];
}

/**
 * Words: 0 M, 1 N, 2 K, 3 A offset, 4 A row stride, 5 A k stride, 6 B offset, 7 B k stride, 8 B column stride,
 * 9 the ones column of B, 10-11 the store's words; all read once into the prologue's `let`s.
 */
const PROLOGUE = `  let aBase = word(3u);
  let aRow = word(4u);
  let aK = word(5u);
  let bBase = word(6u);
  let bK = word(7u);
  let bCol = word(8u);
  let ones = word(9u);
  let store0 = word(10u);
  let store1 = word(11u);
`;

const STORES: Record<GemmRole, (row: string, col: string, value: string) => string> = {
  // Y = act(A B + bias): the bias sits in b (the parameters) from store0.
  forward: (row, col, value) => `y[${row} * N + ${col}] = activate(${value} + b[store0 + ${col}]);`,
  // [dW | db]: columns before the ones column go to the weight rows from store0, the ones column to the bias from store1.
  weightGrad: (row, col, value) => `if (${col} == ones) { y[store1 + ${row}] = ${value}; } else { y[store0 + ${row} * ones + ${col}] = ${value}; }`,
  // dX = (dY W) * act'(the previous layer's output c).
  inputGrad: (row, col, value) => `y[${row} * N + ${col}] = ${value} * derivative(c[${row} * N + ${col}]);`,
};

function access(role: GemmRole, activation: Activation): GemmAccess {
  const operands = storage(0, 'a', 'f32', false) + storage(1, 'b', 'f32', false);
  const declarations = role === 'inputGrad'
    ? operands + storage(2, 'c', 'f32', false) + storage(3, 'y', 'f32', true) + uniformBlock(4) + derivative(activation)
    : operands + storage(2, 'y', 'f32', true) + uniformBlock(3);
  return {
    declarations,
    prologue: PROLOGUE,
    aStart: (row) => `aBase + ${row} * aRow`,
    aStride: 'aK',
    // Column 'ones' of B reads as ones: the bias column of the weight gradient (its address clamped into B).
    bStart: (col) => `bBase + min(${col}, ones - 1u) * bCol`,
    bStride: 'bK',
    loadB: (offset, col) => `select(b[${offset}], 1.0, ${col} == ones)`,
    store: STORES[role],
  };
}

/**
 * The kernel of one training product (its variant chosen by shape, as the runtime's MatMul: see planGemm).
 * `activation` is the layer's (forward: applied; inputGrad: the previous layer's, differentiated; weightGrad:
 * unused). Bindings: forward and weightGrad `a, b, y, uniforms`; inputGrad `a, b, c, y, uniforms`.
 */
export function trainGemmKernel(role: GemmRole, activation: Activation, g: GemmGeometry): GpuKernel {
  const act = role === 'forward' ? fusedActivation(activation) : NO_ACTIVATION;
  const gemm = planGemm(g.M, g.N, g.K, 1);
  const words = [g.M, g.N, g.K, ...g.a, ...g.b, g.ones ?? NO_COLUMN, ...g.store];
  const keyed = role === 'weightGrad' ? 'none' : activation;
  return makeKernel(`train ${role} ${gemm.variant} (${keyed})`, `train-gemm:${role}:${gemm.variant}:${keyed}`,
    () => gemm.shader(access(role, activation), act.kind), { workgroups: gemm.workgroups, uniforms: uniforms(words, act) });
}
