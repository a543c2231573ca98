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

/** A storage buffer declaration (`vec4<f32>` for kernels that load or store four floats at once). */
export function storage(binding: number, name: string, element: Element | 'u32' | 'vec4<f32>', write: boolean): string {
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
 * `fn offsetOf(index, rank, dimsAt, stridesAt) -> i32`: the offset of row-major element `index` of a shape whose
 * dims are the uniform words from `dimsAt` in a buffer whose strides (signed, 0 to broadcast) start at `stridesAt`.
 */
export const stridedOffset = `// Offset of row-major element 'index' over dims word(dimsAt..) with signed strides word(stridesAt..).
fn offsetOf(index: u32, rank: u32, dimsAt: u32, stridesAt: u32) -> i32 {
  var rest = index;
  var offset = 0i;
  for (var d = i32(rank) - 1; d >= 0; d--) {
    let size = word(dimsAt + u32(d));
    offset += i32(rest % size) * sword(stridesAt + u32(d));
    rest /= size;
  }
  return offset;
}
`;

/** `fn activate4(v: vec4<f32>) -> vec4<f32>`: {@link activation}'s `activate` on each component (needs it declared). */
export const activate4 = `fn activate4(v: vec4<f32>) -> vec4<f32> { return vec4<f32>(activate(v.x), activate(v.y), activate(v.z), activate(v.w)); }
`;
