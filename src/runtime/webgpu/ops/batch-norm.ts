import { NodeReader } from '../../cpu/ops/node-reader.js';
import { sizeBetween } from '../../cpu/ops/shape.js';
import { Tensor } from '../../tensor.js';
import { groups1d } from '../kernel.js';
import type { GpuOpFactory } from '../kernel.js';
import { activation, main1d, storage, uniformBlock } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';

/**
 * Inference BatchNormalization with constant statistics, packed at load into a per-channel scale and shift
 * (`scale = gamma / sqrt(var + eps)`, `shift = beta - mean * scale`). Words: 0 count, 1 channels, 2 inner size.
 * (A BatchNormalization after a Conv is folded into the Conv's weights at load instead: see fusion.ts.)
 */
const compileBatchNorm: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const epsilon = reader.float('epsilon', 1e-5);
  const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((i) => context.constantInput(i));
  if (!gamma || !beta || !mean || !variance || node.outputs.length > 1 || reader.int('training_mode', 0) !== 0) return undefined;
  const channels = gamma.size;
  const scale = new Float32Array(channels), shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = Number(gamma.data[c]) / Math.sqrt(Number(variance.data[c]) + epsilon);
    shift[c] = Number(beta.data[c]) - Number(mean.data[c]) * scale[c];
  }
  const packed = [new Tensor('float32', scale, [channels]), new Tensor('float32', shift, [channels])];
  const act = context.activation;
  return {
    plan(plan) {
      const x = plan.input(0)!;
      if (x.dtype !== 'float32' || x.dims.length < 2 || x.dims[1] !== channels) return undefined;
      const count = x.dims.reduce((a, b) => a * b, 1);
      const kernel = makeKernel('BatchNormalization', `batchnorm:${act.kind}`, () => storage(0, 'x', 'f32', false) + storage(1, 'scale', 'f32', false)
        + storage(2, 'shift', 'f32', false) + storage(3, 'y', 'f32', true) + uniformBlock(4) + activation(act.kind)
        + main1d(0, '  let c = (i / word(2u)) % word(1u);\n  y[i] = activate(x[i] * scale[c] + shift[c]);'),
      { workgroups: groups1d(count), uniforms: uniforms([count, channels, sizeBetween(x.dims, 2)], act) });
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }, { packed: packed[0] }, { packed: packed[1] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** BatchNormalization on the GPU. */
export const batchNormOps: Record<string, GpuOpFactory> = { BatchNormalization: compileBatchNorm };
