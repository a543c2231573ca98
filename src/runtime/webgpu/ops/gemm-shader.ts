import { activation, main1d } from '../wgsl.js';
import type { ActivationKind } from '../wgsl.js';

/**
 * The operand access of a GEMM-shaped kernel (MatMul, Gemm, Conv as implicit GEMM): WGSL functions
 * `baseA(batch) -> u32`, `baseB(batch) -> u32`, `loadA(base, row, k) -> f32`, `loadB(base, k, col) -> f32`
 * (0 outside the matrix) and `store(batch, row, col, value)`, plus the buffer declarations. M, N and K are
 * uniform words 0, 1 and 2; the batch is the workgroup's z (tiled) or derived from the index (rows).
 */
export interface GemmAccess {
  readonly declarations: string;
  readonly functions: string;
}

/**
 * Tiled GEMM: each workgroup of 8 x 8 invocations computes a 32 x 32 tile of C; each invocation keeps a 4 x 4
 * block in registers (four vec4 accumulators), and 32-deep slices of A and B are staged in workgroup memory, B as
 * vec4 rows so the inner product reads four columns at once.
 */
export function tiledGemmShader(access: GemmAccess, act: ActivationKind): string {
  return `${access.declarations}${activation(act)}${access.functions}
// Tiled GEMM: 32 x 32 tile per workgroup, 4 x 4 register block per invocation, K staged 32 at a time.
var<workgroup> tileA: array<f32, 1024>;        // [32 rows][32 k]
var<workgroup> tileB: array<vec4<f32>, 256>;   // [32 k][8 column quads]
@compute @workgroup_size(8, 8, 1)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let M = word(0u);
  let N = word(1u);
  let K = word(2u);
  let batch = wg.z;
  let aBase = baseA(batch);
  let bBase = baseB(batch);
  let rowBase = wg.y * 32u;
  let colBase = wg.x * 32u;
  let t = lid.y * 8u + lid.x;
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < K; k0 += 32u) {
    // Stage: 64 invocations load 1024 elements of each operand, 16 each.
    for (var e = t; e < 1024u; e += 64u) {
      let r = e / 32u;
      let c = e % 32u;
      tileA[e] = select(0.0, loadA(aBase, rowBase + r, k0 + c), rowBase + r < M && k0 + c < K);
      tileB[e / 4u][e % 4u] = select(0.0, loadB(bBase, k0 + r, colBase + c), k0 + r < K && colBase + c < N);
    }
    workgroupBarrier();
    // Multiply: a rank-1 update of the 4 x 4 block per k.
    for (var k = 0u; k < 32u; k++) {
      let b = tileB[k * 8u + lid.x];
      for (var r = 0u; r < 4u; r++) {
        acc[r] += tileA[(lid.y * 4u + r) * 32u + k] * b;
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < 4u; r++) {
    let row = rowBase + lid.y * 4u + r;
    for (var c = 0u; c < 4u; c++) {
      let col = colBase + lid.x * 4u + c;
      if (row < M && col < N) { store(batch, row, col, acc[r][c]); }
    }
  }
}
`;
}

/** The uniform word holding the element count of the row kernel (batches x M x N). */
export const ROWS_COUNT_WORD = 40;

/** GEMM with one invocation per element of C: for small M (one or a few rows), where 32-row tiles would idle. */
export function rowGemmShader(access: GemmAccess, act: ActivationKind): string {
  return `${access.declarations}${activation(act)}${access.functions}
${main1d(ROWS_COUNT_WORD, `  let M = word(0u);
  let N = word(1u);
  let K = word(2u);
  let col = i % N;
  let row = (i / N) % M;
  let batch = i / (M * N);
  let aBase = baseA(batch);
  let bBase = baseB(batch);
  var sum = 0.0;
  for (var k = 0u; k < K; k++) { sum += loadA(aBase, row, k) * loadB(bBase, k, col); }
  store(batch, row, col, sum);`)}`;
}

/** Rows below which the row kernel is chosen. */
export const SMALL_M = 8;
