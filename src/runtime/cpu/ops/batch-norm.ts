import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { shapeText, sizeBetween } from './shape.js';

/** Folds scale, bias, mean and variance into one multiplier and one offset per channel. */
function fold(scale: Tensor, bias: Tensor, mean: Tensor, variance: Tensor, epsilon: number): { mul: Float32Array; add: Float32Array } {
  const channels = scale.size;
  const mul = new Float32Array(channels);
  const add = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    mul[c] = Number(scale.data[c]) / Math.sqrt(Number(variance.data[c]) + epsilon);
    add[c] = Number(bias.data[c]) - Number(mean.data[c]) * mul[c];
  }
  return { mul, add };
}

/**
 * BatchNormalization in inference mode: `y = scale * (x - mean) / sqrt(var + epsilon) + B` per channel
 * (axis 1), folded into one multiply-add per element; folded once at compile time when the statistics are constant.
 */
export const batchNormalizationKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const epsilon = reader.float('epsilon', 1e-5);
  if (reader.int('training_mode', 0) !== 0) throw reader.error(`attribute 'training_mode' = 1 is not supported (inference only)`);
  const constants = [1, 2, 3, 4].map((i) => context.constantInput(i));
  const folded = constants.every((t) => t !== undefined) ? fold(constants[0]!, constants[1]!, constants[2]!, constants[3]!, epsilon) : undefined;
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      const params = [1, 2, 3, 4].map((i) => reader.typed(inputs, i, ['float32']));
      const channels = x.rank > 1 ? x.dims[1] : 1;
      if (params.some((t) => t.size !== channels)) {
        throw reader.error(`scale, B, mean and var must hold ${channels} values for input ${shapeText(x.dims)}, got ${params.map((t) => shapeText(t.dims)).join(', ')}`);
      }
      const { mul, add } = folded ?? fold(params[0], params[1], params[2], params[3], epsilon);
      const y = slot.get('float32', x.dims);
      const plane = sizeBetween(x.dims, 2);
      const src = x.data, out = y.data;
      for (let start = 0, c = 0; start < src.length; start += plane, c = (c + 1) % channels) {
        const m = mul[c], a = add[c];
        for (let i = start, end = start + plane; i < end; i++) out[i] = src[i] * m + a;
      }
      return [y];
    },
  };
};
