/**
 * Adam on the GPU in two dispatches: the gradient-norm reduction (which also decides the clip factor, whether the
 * step is finite, and advances the step count and bias corrections in the state buffer), then one fused Adam
 * kernel over the flat parameter buffer (clip, L2 weight decay, moments, update).
 */
import type { GpuKernel } from '../../runtime/webgpu/kernel.js';
import { f32Bits, groups1d } from '../../runtime/webgpu/kernel.js';
import { makeKernel, uniforms } from '../../runtime/webgpu/ops/common.js';
import { main1d, storage, uniformBlock } from '../../runtime/webgpu/wgsl.js';
import { finiteSnippet, REDUCE_SIZE, STATE, workgroupSumSnippet } from './train-state.js';

/** Adam's settings, as adam() validated them. */
export interface AdamSettings {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** The global-norm bound, or undefined for none. */
  readonly clipNorm: number | undefined;
}

const f = (word: number): string => `bitcast<f32>(state[${word}u])`;
const setF = (word: number, value: string): string => `state[${word}u] = bitcast<u32>(${value});`;

/** Words: 0 parameter count, 1 clipNorm (0: none), 2 lr, 3 eps, 4 beta1, 5 beta2 (floats as bits). */
function normShader(): string {
  return storage(0, 'grads', 'f32', false) + storage(1, 'state', 'u32', true) + uniformBlock(2) + finiteSnippet + workgroupSumSnippet
    + `// One workgroup: the global L2 norm of the gradient, then (invocation 0) the step's scalars.
@compute @workgroup_size(${REDUCE_SIZE})
fn main(@builtin(local_invocation_index) t: u32) {
  var sum = 0.0;
  for (var i = t; i < word(0u); i += ${REDUCE_SIZE}u) { let g = grads[i]; sum += g * g; }
  let norm = sqrt(workgroupSum(t, sum));
  if (t != 0u) { return; }
  ${setF(STATE.norm, 'norm')}
  // A non-finite loss or gradient skips the update: parameters, moments and step count stay as they were.
  let ok = finite(${f(STATE.loss)}) && finite(norm);
  state[${STATE.ok}u] = select(0u, 1u, ok);
  if (!ok) { return; }
  let clip = fword(1u);
  ${setF(STATE.scale, 'select(1.0, clip / norm, clip > 0.0 && norm > clip)')}
  let p1 = ${f(STATE.power1)} * fword(4u);
  let p2 = ${f(STATE.power2)} * fword(5u);
  ${setF(STATE.power1, 'p1')}
  ${setF(STATE.power2, 'p2')}
  state[${STATE.steps}u] += 1u;
  // Bias corrections folded into the step size and epsilon, as the CPU adam does.
  let c2 = sqrt(1.0 - p2);
  ${setF(STATE.stepSize, 'fword(2u) * c2 / (1.0 - p1)')}
  ${setF(STATE.epsHat, 'fword(3u) * c2')}
}
`;
}

/** The norm kernel over `count` gradients. Bindings: grads, state, uniforms. */
export function normKernel(settings: AdamSettings, count: number): GpuKernel {
  const words = [count, f32Bits(settings.clipNorm ?? 0), f32Bits(settings.lr), f32Bits(settings.eps), f32Bits(settings.beta1), f32Bits(settings.beta2)];
  return makeKernel('train gradient norm', 'train-norm', normShader, { workgroups: [1, 1, 1], uniforms: uniforms(words) });
}

/** Words: 0 parameter count, 1 beta1, 2 beta2, 3 1 - beta1, 4 1 - beta2, 5 weight decay (floats as bits). */
function adamShader(): string {
  return storage(0, 'grads', 'f32', false) + storage(1, 'state', 'u32', false) + storage(2, 'p', 'f32', true)
    + storage(3, 'm', 'f32', true) + storage(4, 'v', 'f32', true) + uniformBlock(5)
    + main1d(0, `  if (state[${STATE.ok}u] == 0u) { return; }
  // Clip (factor from the norm kernel), then L2 weight decay, then the moments and the update.
  let g = grads[i] * ${f(STATE.scale)} + fword(5u) * p[i];
  let mi = fword(1u) * m[i] + fword(3u) * g;
  let vi = fword(2u) * v[i] + fword(4u) * g * g;
  m[i] = mi;
  v[i] = vi;
  p[i] -= ${f(STATE.stepSize)} * mi / (sqrt(vi) + ${f(STATE.epsHat)});`);
}

/** The fused Adam kernel over `count` parameters. Bindings: grads, state, params, m, v, uniforms. */
export function adamKernel(settings: AdamSettings, count: number): GpuKernel {
  const { beta1, beta2, weightDecay } = settings;
  const words = [count, f32Bits(beta1), f32Bits(beta2), f32Bits(1 - beta1), f32Bits(1 - beta2), f32Bits(weightDecay)];
  return makeKernel('train adam', 'train-adam', adamShader, { workgroups: groups1d(count), uniforms: uniforms(words) });
}
