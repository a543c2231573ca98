import { NodeReader } from '../../cpu/ops/node-reader.js';
import { sizeBetween } from '../../cpu/ops/shape.js';
import { groups1d } from '../kernel.js';
import type { GpuOpFactory } from '../kernel.js';
import { main1d, storage, uniformBlock } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';

/**
 * Softmax / LogSoftmax: one invocation per normalised group of `length` elements `inner` apart (max-subtracted).
 * Words: 0 groups, 1 length, 2 inner.
 */
function softmaxShader(log: boolean): string {
  return storage(0, 'x', 'f32', false) + storage(1, 'y', 'f32', true) + uniformBlock(2) + main1d(0, `  let length = word(1u);
  let inner = word(2u);
  let start = (i / inner) * length * inner + i % inner;
  var top = -3.4028234663852886e38;
  for (var k = 0u; k < length; k++) { top = max(top, x[start + k * inner]); }
  var sum = 0.0;
  for (var k = 0u; k < length; k++) { sum += exp(x[start + k * inner] - top); }
  ${log ? 'let shift = top + log(sum);' : 'let scale = 1.0 / sum;'}
  for (var k = 0u; k < length; k++) {
    let at = start + k * inner;
    y[at] = ${log ? 'x[at] - shift' : 'exp(x[at] - top) * scale'};
  }`);
}

/** Softmax and LogSoftmax with the opset's axis semantics (flattened to 2-D before opset 13). */
const compileSoftmax: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const log = node.opType === 'LogSoftmax';
  const flatten = reader.opset < 13;
  const axisAttribute = reader.int('axis', flatten ? 1 : -1);
  return {
    plan(plan) {
      const x = plan.input(0)!;
      if (x.dtype !== 'float32') return undefined;
      const rank = x.dims.length;
      const axis = reader.axis(axisAttribute, Math.max(rank, 1));
      const length = flatten ? sizeBetween(x.dims, axis) : rank === 0 ? 1 : x.dims[axis];
      const inner = flatten ? 1 : sizeBetween(x.dims, axis + 1);
      const groups = sizeBetween(x.dims, 0, axis) * inner;
      const kernel = makeKernel(node.opType, `softmax:${log ? 'log' : 'plain'}`, () => softmaxShader(log), { workgroups: groups1d(groups), uniforms: uniforms([groups, length, inner]) });
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** Softmax and LogSoftmax on the GPU. */
export const softmaxOps: Record<string, GpuOpFactory> = { Softmax: compileSoftmax, LogSoftmax: compileSoftmax };
