import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { randomFor } from './random.js';

/**
 * RandomNormalLike: float32 samples of N(mean, scale^2) shaped like the input; `seed` makes the sequence of
 * runs reproducible. Only a float32 output (`dtype` FLOAT or absent) is supported.
 */
export const randomNormalLikeKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const mean = reader.float('mean', 0);
  const scale = reader.float('scale', 1);
  const dtype = reader.int('dtype', 1);
  if (dtype !== 1) throw reader.error(`attribute 'dtype' = ${dtype} is not supported (only 1, FLOAT)`);
  const random = randomFor(reader);
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      const y = slot.get('float32', x.dims);
      const out = y.data;
      for (let i = 0; i < out.length; i++) out[i] = mean + scale * random.normal();
      return [y];
    },
  };
};
