/**
 * Small named WGSL snippets the kernels are built from. Each one carries its own comments into the shader so a
 * captured shader reads on its own.
 */
import { UNIFORM_WORDS } from './kernel.js';

/** The WGSL element type a dtype is stored as on the GPU: float32 as f32, int32, int64 (low word) and bool as i32. */
export type Element = 'f32' | 'i32';

/** The uniform block at `binding`: {@link UNIFORM_WORDS} u32 words read by `word(i)` and `fword(i)`. */
export function uniformBlock(binding: number): string {
  return `// Uniforms: shapes and scalars as 32-bit words (floats bit-cast), so one pipeline serves every shape.
struct Params { w: array<vec4<u32>, ${UNIFORM_WORDS / 4}> };
@group(0) @binding(${binding}) var<uniform> params: Params;
fn word(i: u32) -> u32 { return params.w[i / 4u][i % 4u]; }
fn sword(i: u32) -> i32 { return bitcast<i32>(word(i)); }
fn fword(i: u32) -> f32 { return bitcast<f32>(word(i)); }
`;
}

/** What a storage buffer holds: elements, raw words, or four of either (for kernels that move four at once). */
export type StorageElement = Element | 'u32' | `vec4<${Element | 'u32'}>`;

/** A storage buffer declaration. */
export function storage(binding: number, name: string, element: StorageElement, write: boolean): string {
  return `@group(0) @binding(${binding}) var<storage, ${write ? 'read_write' : 'read'}> ${name}: array<${element}>;\n`;
}

/** The entry point of a 1-D kernel: `i` is the invocation's index over x and y (see groups1d), `count` the bound. */
export function main1d(countWord: number, body: string): string {
  return `// One invocation per output element; groups split over x and y past 65535 workgroups.
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = gid.x + gid.y * groups.x * 64u;
  if (i >= word(${countWord}u)) { return; }
${body}
}
`;
}

/** The activations a producer kernel can apply to its results (fused from a following node). */
export type ActivationKind = 'none' | 'relu' | 'leakyrelu' | 'sigmoid' | 'tanh' | 'clip';

/** Uniform words holding the activation's parameters (LeakyRelu alpha; Clip min and max). */
export const ACTIVATION_WORDS = [UNIFORM_WORDS - 2, UNIFORM_WORDS - 1] as const;

/** `fn activate(x: f32) -> f32` for `kind`, its parameters read from {@link ACTIVATION_WORDS}. */
export function activation(kind: ActivationKind): string {
  const [a, b] = ACTIVATION_WORDS;
  const body: Record<ActivationKind, string> = {
    none: 'return x;',
    relu: 'return max(x, 0.0);',
    leakyrelu: `return select(x * fword(${a}u), x, x >= 0.0);`,
    // exp overflow to +inf gives 0 and exp(-large) gives 1: the limits are right without a branch.
    sigmoid: 'return 1.0 / (1.0 + exp(-x));',
    tanh: 'return tanh(clamp(x, -15.0, 15.0));',
    clip: `return min(max(x, fword(${a}u)), fword(${b}u));`,
  };
  return `// Activation fused into the producer: ${kind}.
fn activate(x: f32) -> f32 { ${body[kind]} }
`;
}

/**
 * WGSL statements declaring `offset0`, `offset1`, ... (i32): the offsets of row-major element `i` of a shape of
 * `rank` dims (uniform words from `dimsAt`) under the signed strides (0 to broadcast) from each of `stridesAt`.
 * The coordinate loop is unrolled for `rank` and every uniform is read once at a constant index into a let:
 * reading uniforms at dynamic indices per element is slow on some implementations (SwiftShader among them).
 */
export function stridedOffsets(rank: number, dimsAt: number, stridesAt: readonly number[]): string {
  const lines = [`  // Offsets of element i over ${rank} dims (words ${dimsAt}..) under strides from words ${stridesAt.join(', ')}.`];
  stridesAt.forEach((_, k) => lines.push(`  var offset${k} = 0i;`));
  if (rank > 0) lines.push('  var rest = i;');
  for (let d = rank - 1; d >= 0; d--) {
    if (d > 0) {
      lines.push(`  let dim${d} = word(${dimsAt + d}u);`, `  let c${d} = i32(rest % dim${d});`, `  rest /= dim${d};`);
    } else {
      lines.push('  let c0 = i32(rest);');
    }
    stridesAt.forEach((at, k) => lines.push(`  offset${k} += c${d} * sword(${at + d}u);`));
  }
  return `${lines.join('\n')}\n`;
}

/** `fn activate4(v: vec4<f32>) -> vec4<f32>`: {@link activation}'s `activate` on each component (needs it declared). */
export const activate4 = `fn activate4(v: vec4<f32>) -> vec4<f32> { return vec4<f32>(activate(v.x), activate(v.y), activate(v.z), activate(v.w)); }
`;
