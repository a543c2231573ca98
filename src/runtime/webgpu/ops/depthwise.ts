import type { Window } from '../../cpu/ops/window.js';
import { groups1d } from '../kernel.js';
import type { GpuKernel } from '../kernel.js';
import { activate4, activation, main1d, storage, uniformBlock } from '../wgsl.js';
import type { ActivationKind } from '../wgsl.js';
import type { Activation } from './common.js';
import { makeKernel, uniforms } from './common.js';

/** Consecutive outputs of a row one invocation computes (two vec4s). */
const OUTPUTS = 8;

/** What a depthwise kernel bakes in (fixed at load by the weights and attributes, so in the cache key). */
interface DepthwiseShape {
  readonly kernel: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly dilations: readonly [number, number];
}

/**
 * Depthwise Conv (one input and one output channel per group). Each invocation computes {@link OUTPUTS}
 * consecutive outputs of one output row: per tap row it loads the input columns their windows span once (10 for
 * 3 x 3 taps at stride 1 instead of 24), and the taps are unrolled against weights held in `let`s; kernel,
 * strides and dilations are constants, channels and sizes uniforms read once. With `aligned`
 * (output width a multiple of 4) each 4 outputs are one vec4 store.
 * Bindings: x, weights `[C, kH * kW]`, bias `[C]`, y, uniforms. Words: 0 invocations (planes x output rows x
 * ceil(output width / OUTPUTS)), 1 H, 2 W, 3 output height, 4 output width, 5 pad top, 6 pad left, 7 channels.
 */
function depthwiseShader(shape: DepthwiseShape, aligned: boolean, act: ActivationKind): string {
  const [kh, kw] = shape.kernel, [sh, sw] = shape.strides, [dh, dw] = shape.dilations;
  const span = (OUTPUTS - 1) * sw + (kw - 1) * dw + 1;
  const Q = [0, 1, 2, 3];
  const V = Array.from({ length: OUTPUTS / 4 }, (_, v) => v);  // vec4s of outputs
  const lines: string[] = [];
  for (let t = 0; t < kh * kw; t++) lines.push(`  let w${t} = w[c * ${kh * kw}u + ${t}u];`);
  // The input columns the windows span: clamped column and mask, shared by every tap row.
  for (let j = 0; j < span; j++) lines.push(`  let col${j} = u32(clamp(ix0 + ${j}, 0, W - 1));`, `  let colOk${j} = ix0 + ${j} >= 0 && ix0 + ${j} < W;`);
  lines.push(...V.map((v) => `  var acc${v} = vec4<f32>(bias[c]);`));
  for (let ky = 0; ky < kh; ky++) {
    lines.push(`  {`, `    let iy = iy0 + ${ky * dh};`, `    let rowOk = iy >= 0 && iy < H;`, `    let row = (plane * u32(H) + u32(clamp(iy, 0, H - 1))) * u32(W);`);
    for (let j = 0; j < span; j++) lines.push(`    let v${j} = select(0.0, x[row + col${j}], rowOk && colOk${j});`);
    for (let kx = 0; kx < kw; kx++) for (const v of V) lines.push(`    acc${v} += vec4<f32>(${Q.map((q) => `v${(4 * v + q) * sw + kx * dw}`).join(', ')}) * w${ky * kw + kx};`);
    lines.push(`  }`);
  }
  const store = aligned ? V.map((v) => `  if (ox0 + ${4 * v}u < ow) { y[(plane * oh + oy) * (ow / 4u) + ox0 / 4u + ${v}u] = activate4(acc${v}); }`).join('\n')
    : V.map((v) => Q.map((q) => `  if (ox0 + ${4 * v + q}u < ow) { y[(plane * oh + oy) * ow + ox0 + ${4 * v + q}u] = activate(acc${v}.${'xyzw'[q]}); }`).join('\n')).join('\n');
  return storage(0, 'x', 'f32', false) + storage(1, 'w', 'f32', false) + storage(2, 'bias', 'f32', false) + storage(3, 'y', aligned ? 'vec4<f32>' : 'f32', true)
    + uniformBlock(4) + activation(act) + activate4
    + `// Depthwise Conv: ${kh} x ${kw} taps, strides ${sh} x ${sw}, dilations ${dh} x ${dw}; ${OUTPUTS} outputs of a row per invocation.
${main1d(0, `  let H = i32(word(1u));
  let W = i32(word(2u));
  let oh = word(3u);
  let ow = word(4u);
  let blocks = (ow + ${OUTPUTS - 1}u) / ${OUTPUTS}u;
  let ox0 = (i % blocks) * ${OUTPUTS}u;
  let oy = (i / blocks) % oh;
  let plane = i / (blocks * oh);
  let c = plane % word(7u);
  let iy0 = i32(oy * ${sh}u) - sword(5u);
  let ix0 = i32(ox0 * ${sw}u) - sword(6u);
${lines.join('\n')}
${store}`)}`;
}

/**
 * The depthwise Conv kernel of `planes` (images x channels) planes of H x W, over the window `win`, with the
 * fused activation `act`.
 */
export function depthwiseKernel(planes: number, channels: number, H: number, W: number, win: Window, act: Activation): GpuKernel {
  const shape: DepthwiseShape = { kernel: [win.kh, win.kw], strides: [win.sh, win.sw], dilations: [win.dh, win.dw] };
  const aligned = win.ow % 4 === 0;
  const count = planes * win.oh * Math.ceil(win.ow / OUTPUTS);
  const key = `conv:depthwise:${win.kh}x${win.kw}:${win.sh}x${win.sw}:${win.dh}x${win.dw}:${aligned ? 'aligned' : 'any'}:${act.kind}`;
  return makeKernel(`Conv depthwise${aligned ? ' aligned' : ''}${act.kind !== 'none' ? `+${act.kind}` : ''}`, key, () => depthwiseShader(shape, aligned, act.kind), {
    workgroups: groups1d(count),
    uniforms: uniforms([count, H, W, win.oh, win.ow, win.padTop, win.padLeft, channels], act),
  });
}
