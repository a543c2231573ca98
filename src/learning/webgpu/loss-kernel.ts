/**
 * The loss kernel: one workgroup walks the batch's predictions, writes dLoss/dOutput already multiplied by the
 * last layer's activation derivative (the first delta of backward), and sums the loss into the state buffer.
 */
import type { GpuKernel } from '../../runtime/webgpu/kernel.js';
import { f32Bits } from '../../runtime/webgpu/kernel.js';
import { makeKernel, uniforms } from '../../runtime/webgpu/ops/common.js';
import { storage, uniformBlock } from '../../runtime/webgpu/wgsl.js';
import type { Activation } from '../activation.js';
import { derivative } from './activation-wgsl.js';
import { REDUCE_SIZE, STATE, workgroupSumSnippet } from './train-state.js';

/** The element losses the GPU knows (those of loss.ts), Huber with its threshold. */
export type GpuLoss = { readonly kind: 'mse' | 'l1' } | { readonly kind: 'huber'; readonly delta: number };

/** Element loss and slope in `d = prediction - target`; the Huber threshold is uniform word 2. */
const ELEMENT: Record<GpuLoss['kind'], string> = {
  mse: 'fn lossValue(d: f32) -> f32 { return d * d; }\nfn lossSlope(d: f32) -> f32 { return 2.0 * d; }',
  l1: 'fn lossValue(d: f32) -> f32 { return abs(d); }\nfn lossSlope(d: f32) -> f32 { return sign(d); }',
  huber: `fn lossValue(d: f32) -> f32 { let h = fword(2u); return select(h * (abs(d) - 0.5 * h), 0.5 * d * d, abs(d) <= h); }
fn lossSlope(d: f32) -> f32 { let h = fword(2u); return clamp(d, -h, h); }`,
};

/** Words: 0 element count, 1 the mean's scale `1 / count` (f32), 2 Huber's threshold (f32). */
function lossShader(loss: GpuLoss['kind'], activation: Activation): string {
  return storage(0, 'prediction', 'f32', false) + storage(1, 'wanted', 'f32', false) + storage(2, 'delta', 'f32', true)
    + storage(3, 'state', 'u32', true) + uniformBlock(4) + derivative(activation) + workgroupSumSnippet
    + `// Element loss (${loss}) and its derivative in d = prediction - target.
${ELEMENT[loss]}
// One workgroup: each invocation strides over the elements; the mean loss goes to state[${STATE.loss}].
@compute @workgroup_size(${REDUCE_SIZE})
fn main(@builtin(local_invocation_index) t: u32) {
  let count = word(0u);
  let scale = fword(1u);
  var sum = 0.0;
  for (var e = t; e < count; e += ${REDUCE_SIZE}u) {
    let p = prediction[e];
    let d = p - wanted[e];
    sum += lossValue(d);
    delta[e] = scale * lossSlope(d) * derivative(p);
  }
  let total = workgroupSum(t, sum);
  if (t == 0u) { state[${STATE.loss}u] = bitcast<u32>(total * scale); }
}
`;
}

/** The loss kernel for `count` output elements; `activation` is the last layer's. Bindings: prediction, target, delta, state, uniforms. */
export function lossKernel(loss: GpuLoss, activation: Activation, count: number): GpuKernel {
  const words = [count, f32Bits(1 / count), f32Bits(loss.kind === 'huber' ? loss.delta : 0)];
  return makeKernel(`train loss ${loss.kind} (${activation})`, `train-loss:${loss.kind}:${activation}`, () => lossShader(loss.kind, activation),
    { workgroups: [1, 1, 1], uniforms: uniforms(words) });
}
