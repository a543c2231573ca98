/**
 * The three products of Linear-layer training as kernels of the runtime's GEMM shaders (tiled for large products,
 * else one invocation per element): only the operand access (strides in uniforms) and the store differ.
 * - forward: `Y = act(X W^T + b)`, bias and activation fused into the store;
 * - weightGrad: `[dW | db] = dY^T [X | 1]`: the ones column of B makes the bias gradient the last column;
 * - inputGrad: `dX = (dY W) * act'(Y_prev)`, the previous layer's activation derivative fused into the store.
 */
import { groups1d } from '../../runtime/webgpu/kernel.js';
import type { GpuKernel } from '../../runtime/webgpu/kernel.js';
import { makeKernel, NO_ACTIVATION, uniforms } from '../../runtime/webgpu/ops/common.js';
import { ROWS_COUNT_WORD, rowGemmShader, SMALL_M, tiledGemmShader } from '../../runtime/webgpu/ops/gemm-shader.js';
import type { GemmAccess } from '../../runtime/webgpu/ops/gemm-shader.js';
import { storage, uniformBlock } from '../../runtime/webgpu/wgsl.js';
import type { Activation } from '../activation.js';
import { derivative, fusedActivation } from './activation-wgsl.js';

/** Which product of training a GEMM kernel computes (see the module notes). */
export type GemmRole = 'forward' | 'weightGrad' | 'inputGrad';

/**
 * Multiply-adds (M x N x K) from which the tiled shader is used. The tiled shader compiles in ~10 s on a software
 * adapter (SwiftShader), the row shader in ~0.3 s; below this size the row shader is as fast to run.
 */
const TILED_FROM = 1 << 21;

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
 * 9 the ones column of B, 10-11 the store's words.
 */
const LOADS = `fn baseA(batch: u32) -> u32 { return word(3u); }
fn baseB(batch: u32) -> u32 { return word(6u); }
fn loadA(base: u32, row: u32, k: u32) -> f32 { return a[base + row * word(4u) + k * word(5u)]; }
// Column word(9u) of B reads as ones: the bias column of the weight gradient.
fn loadB(base: u32, k: u32, col: u32) -> f32 { return select(b[base + k * word(7u) + col * word(8u)], 1.0, col == word(9u)); }
`;

const STORES: Record<GemmRole, string> = {
  forward: `// Y = act(A B + bias): the bias sits in b (the parameters) from word(10u).
fn store(batch: u32, row: u32, col: u32, value: f32) { y[row * word(1u) + col] = activate(value + b[word(10u) + col]); }
`,
  weightGrad: `// [dW | db]: columns before the ones column go to the weight rows from word(10u), the last to the bias from word(11u).
fn store(batch: u32, row: u32, col: u32, value: f32) {
  if (col == word(9u)) { y[word(11u) + row] = value; } else { y[word(10u) + row * word(9u) + col] = value; }
}
`,
  inputGrad: `// dX = (dY W) * act'(the previous layer's output c).
fn store(batch: u32, row: u32, col: u32, value: f32) { let at = row * word(1u) + col; y[at] = value * derivative(c[at]); }
`,
};

function access(role: GemmRole, activation: Activation): GemmAccess {
  const operands = storage(0, 'a', 'f32', false) + storage(1, 'b', 'f32', false);
  const declarations = role === 'inputGrad'
    ? operands + storage(2, 'c', 'f32', false) + storage(3, 'y', 'f32', true) + uniformBlock(4)
    : operands + storage(2, 'y', 'f32', true) + uniformBlock(3);
  return { declarations, functions: (role === 'inputGrad' ? derivative(activation) : '') + LOADS + STORES[role] };
}

/**
 * The kernel of one training product. `activation` is the layer's (forward: applied; inputGrad: the previous
 * layer's, differentiated; weightGrad: unused). Bindings: forward and weightGrad `a, b, y, uniforms`; inputGrad
 * `a, b, c, y, uniforms`.
 */
export function trainGemmKernel(role: GemmRole, activation: Activation, g: GemmGeometry): GpuKernel {
  const act = role === 'forward' ? fusedActivation(activation) : NO_ACTIVATION;
  const rows = g.M < SMALL_M || g.M * g.N * g.K < TILED_FROM;
  const words = [g.M, g.N, g.K, ...g.a, ...g.b, g.ones ?? NO_COLUMN, ...g.store];
  while (words.length < ROWS_COUNT_WORD) words.push(0);
  words.push(g.M * g.N);
  const variant = rows ? 'rows' : 'tiled';
  const keyed = role === 'weightGrad' ? 'none' : activation;
  const shader = access(role, activation);
  return makeKernel(`train ${role} ${variant} (${keyed})`, `train-gemm:${role}:${variant}:${keyed}`,
    () => (rows ? rowGemmShader(shader, act.kind) : tiledGemmShader(shader, act.kind)),
    { workgroups: rows ? groups1d(g.M * g.N) : [Math.ceil(g.N / 32), Math.ceil(g.M / 32), 1], uniforms: uniforms(words, act) });
}
