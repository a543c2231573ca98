import { activation } from '../wgsl.js';
import type { ActivationKind } from '../wgsl.js';

/**
 * The operand access of a GEMM-shaped kernel (MatMul, Gemm, the training products): WGSL expressions for where
 * row `row` of A and column `col` of B start in their buffers (`a`, `b`) and how far apart consecutive k are, and a
 * statement storing `C[row, col]`. The kernel defines `M`, `N`, `K` (uniform words 0, 1 and 2) and `batch` before
 * `prologue`, which reads every other uniform word the expressions use into `let`s: a uniform read inside the K
 * loop costs software adapters (SwiftShader) about as much as the multiply-add it feeds. The kernels walk k by
 * running offsets (`start + k * stride` without the multiply). Arguments are in range, and identifiers, calls or
 * parenthesised.
 */
export interface GemmAccess {
  /** The buffer and uniform declarations (A's buffer is `a`, B's `b`) and any helper functions. */
  readonly declarations: string;
  /** WGSL statements run once per invocation before the K loop. */
  readonly prologue: string;
  /** The offset in `a` of A[row, 0]. */
  aStart(row: string): string;
  /** The distance in `a` between A[row, k] and A[row, k + 1]. */
  readonly aStride: string;
  /** The offset in `b` of B[0, col]. */
  bStart(col: string): string;
  /** The distance in `b` between B[k, col] and B[k + 1, col]. */
  readonly bStride: string;
  /** B[k, col] from its offset in `b`: `b[offset]`, unless the access makes up some columns. */
  loadB(offset: string, col: string): string;
  /** A WGSL statement storing the product `value` at (`row`, `col`) of C, through the fused `activate`. */
  store(row: string, col: string, value: string): string;
}

/** `[0, 1, ..., n - 1]`. */
function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Tiled GEMM, for products large in every dimension (see {@link planGemm}): each workgroup of 8 x 8 invocations
 * computes a 32 x 32 tile of C, each invocation a 4 x 4 block in registers, 32-deep slices of A and B staged in
 * workgroup memory (B as vec4 rows, so the inner product reads four columns at once).
 */
function tiledGemmShader(access: GemmAccess, act: ActivationKind): string {
  return `${access.declarations}${activation(act)}
// Tiled GEMM: 32 x 32 tile per workgroup, 4 x 4 register block per invocation, K staged 32 at a time.
var<workgroup> tileA: array<f32, 1024>;        // [32 rows][32 k]
var<workgroup> tileB: array<vec4<f32>, 256>;   // [32 k][8 column quads]
@compute @workgroup_size(8, 8, 1)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let M = word(0u);
  let N = word(1u);
  let K = word(2u);
  let batch = wg.z;
${access.prologue}
  let rowBase = wg.y * 32u;
  let colBase = wg.x * 32u;
  let t = lid.y * 8u + lid.x;
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < K; k0 += 32u) {
    // Stage: 64 invocations load 1024 elements of each operand, 16 each; past the edges reads 0.
    for (var e = t; e < 1024u; e += 64u) {
      let row = rowBase + e / 32u;
      let ka = k0 + e % 32u;
      let kb = k0 + e / 32u;
      let col = colBase + e % 32u;
      let colIn = min(col, N - 1u);
      tileA[e] = select(0.0, a[${access.aStart('min(row, M - 1u)')} + min(ka, K - 1u) * ${access.aStride}], row < M && ka < K);
      tileB[e / 4u][e % 4u] = select(0.0, ${access.loadB(`${access.bStart('colIn')} + min(kb, K - 1u) * ${access.bStride}`, 'colIn')}, kb < K && col < N);
    }
    workgroupBarrier();
    // Multiply: a rank-1 update of the 4 x 4 block per k.
    for (var k = 0u; k < 32u; k++) {
      let bk = tileB[k * 8u + lid.x];
      for (var r = 0u; r < 4u; r++) {
        acc[r] += tileA[(lid.y * 4u + r) * 32u + k] * bk;
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < 4u; r++) {
    let row = rowBase + lid.y * 4u + r;
    for (var j = 0u; j < 4u; j++) {
      let col = colBase + lid.x * 4u + j;
      if (row < M && col < N) { ${access.store('row', 'col', 'acc[r][j]')} }
    }
  }
}
`;
}

/**
 * Register-blocked GEMM: each invocation computes a `rows` x 4 block of C (four columns in one vec4 per row),
 * reading A and B straight from storage: no workgroup memory and no barriers, which software adapters
 * (SwiftShader runs workgroups as coroutines on the CPU) pay for dearly, and no dynamically indexed private
 * arrays. Rows and columns past the edge read the last row or column and are not stored, so the K loop has
 * no bounds checks.
 */
function blockedGemmShader(access: GemmAccess, act: ActivationKind, rows: number): string {
  const R = range(rows), C = range(4);
  const stores = R.map((r) => `  if (row0 + ${r}u < M) {\n${C.map((c) => `    if (col0 + ${c}u < N) { ${access.store(`(row0 + ${r}u)`, `(col0 + ${c}u)`, `acc${r}.${'xyzw'[c]}`)} }`).join('\n')}\n  }`);
  return `${access.declarations}${activation(act)}
// Register-blocked GEMM: a ${rows} x 4 block of C per invocation, operands read from storage.
@compute @workgroup_size(${rows === 1 ? '64, 1' : '8, 8'}, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let M = word(0u);
  let N = word(1u);
  let K = word(2u);
  let batch = gid.z;
  let row0 = gid.y * ${rows}u;
  let col0 = gid.x * 4u;
  if (row0 >= M || col0 >= N) { return; }
${access.prologue}
${C.map((c) => `  let c${c} = min(col0 + ${c}u, N - 1u);`).join('\n')}
${R.map((r) => `  let a${r} = ${access.aStart(`min(row0 + ${r}u, M - 1u)`)};`).join('\n')}
${C.map((c) => `  let b${c} = ${access.bStart(`c${c}`)};`).join('\n')}
  let aStep = ${access.aStride};
  let bStep = ${access.bStride};
${R.map((r) => `  var acc${r} = vec4<f32>(0.0);`).join('\n')}
  var ka = 0u;
  var kb = 0u;
  for (var k = 0u; k < K; k++) {
    let bk = vec4<f32>(${C.map((c) => access.loadB(`b${c} + kb`, `c${c}`)).join(', ')});
${R.map((r) => `    acc${r} += a[a${r} + ka] * bk;`).join('\n')}
    ka += aStep;
    kb += bStep;
  }
${stores.join('\n')}
}
`;
}

/** Rows below which one invocation computes a 1 x 4 block of C instead of 4 x 4 (blocks of 4 rows would idle). */
const SMALL_M = 8;

/**
 * The dimension every one of M, N and K must reach for the tiled shader: from there a hardware GPU gains by its
 * operand reuse through workgroup memory, below it a register block's operands stay in the GPU's caches and the
 * blocked shader is as fast. On a software adapter the blocked shader is faster at any size (SwiftShader on two
 * cores: 0.26 s against 0.79 s at 512 x 512 x 512, 19 ms against 100 ms at 1000 x 64 x 128) and compiles in a
 * tenth of the time (0.1 s against 0.8 to 1 s).
 */
const TILED_FROM = 256;

/** How a GEMM of one shape runs: the shader variant, its workgroup counts and its WGSL. */
export interface GemmPlan {
  /** 'tiled', 'blocked' (4 x 4 per invocation) or 'rows' (1 x 4 per invocation): for labels and cache keys. */
  readonly variant: 'tiled' | 'blocked' | 'rows';
  /** Workgroups along x (columns), y (rows) and z (batches). */
  readonly workgroups: [number, number, number];
  /** The shader for an operand access and a fused activation. */
  shader(access: GemmAccess, act: ActivationKind): string;
}

/**
 * The GEMM variant for `batches` products `C[M, N] = A[M, K] B[K, N]`: tiled when M, N and K all reach
 * {@link TILED_FROM}, else register-blocked, 4 rows per invocation, or 1 for fewer than {@link SMALL_M} rows.
 * The choice goes by shape only, the same on every adapter: the op factories are not told the device. Products
 * that large are rare in the models this runs; a software adapter (`GPUAdapterInfo.isFallbackAdapter`, or
 * SwiftShader's architecture) would better take the blocked shader for them too, once the op context says so.
 */
export function planGemm(M: number, N: number, K: number, batches: number): GemmPlan {
  if (M >= TILED_FROM && N >= TILED_FROM && K >= TILED_FROM) {
    return { variant: 'tiled', workgroups: [Math.ceil(N / 32), Math.ceil(M / 32), batches], shader: tiledGemmShader };
  }
  const rows = M < SMALL_M ? 1 : 4;
  const [x, y] = rows === 1 ? [64, 1] : [8, 8];
  return {
    variant: rows === 1 ? 'rows' : 'blocked',
    workgroups: [Math.ceil(N / 4 / x), Math.ceil(M / rows / y), batches],
    shader: (access, act) => blockedGemmShader(access, act, rows),
  };
}
