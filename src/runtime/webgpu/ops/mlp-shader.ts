import type { MlpActivation } from '../mlp-chain.js';
import { uniformBlock } from '../wgsl.js';

/** Rows of the batch each invocation computes: every weight read serves this many rows. */
export const MLP_ROWS = 4;

/** Where one layer lives in the packed parameter buffer (in vec4 units) and its shape. */
export interface PackedLayer {
  /** Input features: the real width for the first layer, the previous layer's padded width after it. */
  readonly inputs: number;
  /** Output features (real). */
  readonly outputs: number;
  /** Output quads: ceil(outputs / 4). */
  readonly quads: number;
  /** Offset of W ([inputs][quads] vec4) in the packed buffer. */
  readonly weightsAt: number;
  /** Offset of b ([quads] vec4). */
  readonly biasAt: number;
  readonly activation: MlpActivation;
}

const FLT_MAX = 3.4028234663852886e38;

/** A WGSL f32 literal of `value` (infinities clamped to the largest finite f32). */
export function f32Literal(value: number): string {
  const finite = Number.isFinite(value) ? Math.fround(value) : value > 0 ? FLT_MAX : -FLT_MAX;
  const text = String(finite);
  return /[.e]/.test(text) ? `${text}f` : `${text}.0f`;
}

/** The vec4 form of a layer's activation, its parameters baked in (they are fixed at load). */
function activationBody(activation: MlpActivation): string {
  const zero = 'vec4<f32>(0.0)';
  switch (activation.kind) {
    case 'none': return 'v';
    case 'relu': return `max(v, ${zero})`;
    case 'leakyrelu': return `select(v * ${f32Literal(activation.alpha)}, v, v >= ${zero})`;
    case 'sigmoid': return '1.0 / (1.0 + exp(-v))';
    // exp(-v) overflowing to +inf gives -0 for very negative v, the limit of v * sigmoid(v).
    case 'swish': return 'v / (1.0 + exp(-v))';
    case 'tanh': return 'tanh(clamp(v, vec4<f32>(-15.0), vec4<f32>(15.0)))';
    case 'clip': return `min(max(v, vec4<f32>(${f32Literal(activation.alpha)})), vec4<f32>(${f32Literal(activation.beta)}))`;
  }
}

const rowList = Array.from({ length: MLP_ROWS }, (_, r) => r);
const perRow = (line: (r: number) => string, separator = ' '): string => rowList.map(line).join(separator);

/**
 * One layer: accumulators start at the bias; the K loop's body is unrolled over the rows and the output quads, so
 * that every accumulator index is a constant (registers, where indexed arrays would live in memory).
 */
function layerSource(layer: PackedLayer, l: number): string {
  const h = (r: number): string => `h${l}_${r}`;
  const { quads } = layer;
  const first = l === 0;
  // One input feature per k: from x in the first layer, from the previous layer's activations after it.
  const body = Array.from({ length: quads }, (_, j) => `{ let w = p[wk + ${j}u]; ${perRow((r) => `${h(r)}[${j}] += a${r} * w;`)} }`);
  const load = first
    ? perRow((r) => `let a${r} = x[x${r} + k];`)
    : perRow((r) => `let a${r} = h${l - 1}_${r}[k >> 2u][k & 3u];`);
  return `  // Layer ${l}: ${layer.inputs} -> ${layer.outputs}, ${layer.activation.kind}.
  ${perRow((r) => `var ${h(r)}: array<vec4<f32>, ${quads}>;`)}
  for (var j = 0u; j < ${quads}u; j++) { let b = p[${layer.biasAt}u + j]; ${perRow((r) => `${h(r)}[j] = b;`)} }
  for (var k = 0u; k < word(${l + 1}u); k++) {
    ${load}
    let wk = ${layer.weightsAt}u + k * ${quads}u;
    ${body.join('\n    ')}
  }
  for (var j = 0u; j < ${quads}u; j++) { ${perRow((r) => `${h(r)}[j] = act${l}(${h(r)}[j]);`)} }
`;
}

/**
 * The fused MLP kernel for one layer layout: each invocation computes {@link MLP_ROWS} rows of the batch through
 * every layer, the activations kept in private arrays, so one dispatch runs the whole network with no workgroup
 * memory, no barriers and no intermediate buffers. Widths are baked in and the inner loops unrolled over the
 * output quads (registers, not indexed memory, on software rasterisers like SwiftShader). Uniform word 0 is the
 * batch rows and word 1 + l the K steps of layer l (a uniform bound keeps compilers from unrolling the K loop,
 * which multiplies compile time for nothing). Bindings: 0 x (f32, [rows, inputs]), 1 the packed parameters (vec4), 2 y (f32, [rows,
 * outputs]), 3 the uniforms.
 */
export function mlpShader(layers: readonly PackedLayer[]): string {
  const first = layers[0], last = layers[layers.length - 1];
  const out = `h${layers.length - 1}`;
  return `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> p: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
${uniformBlock(3)}${layers.map((layer, l) => `fn act${l}(v: vec4<f32>) -> vec4<f32> { return ${activationBody(layer.activation)}; }`).join('\n')}
// Fused MLP: ${MLP_ROWS} rows per invocation through ${layers.length} layers.
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let rows = word(0u);
  let row0 = (gid.x + gid.y * groups.x * 64u) * ${MLP_ROWS}u;
  if (row0 >= rows) { return; }
  // Rows past the end read the last row and are not stored.
  ${perRow((r) => `let x${r} = min(row0 + ${r}u, rows - 1u) * ${first.inputs}u;`)}
${layers.map(layerSource).join('')}  ${perRow((r) => `if (row0 + ${r}u < rows) {
    for (var j = 0u; j < ${last.quads}u; j++) {
      for (var c = 0u; c < 4u; c++) { if (j * 4u + c < ${last.outputs}u) { y[(row0 + ${r}u) * ${last.outputs}u + j * 4u + c] = ${out}_${r}[j][c]; } }
    }
  }`, '\n  ')}
}
`;
}
