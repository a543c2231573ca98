import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { randomFor } from './random.js';
import { shapeText } from './shape.js';

/**
 * Multinomial: for each row of unnormalised log-probabilities [batch, classes], `sample_size` class indices drawn
 * with probability softmax(row); output int32 (dtype 6, the default) or int64 (dtype 7); `seed` makes the
 * sequence of runs reproducible.
 */
export const multinomialKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const samples = reader.int('sample_size', 1);
  if (samples < 1) throw reader.error(`attribute 'sample_size' must be >= 1, got ${samples}`);
  const code = reader.int('dtype', 6);
  if (code !== 6 && code !== 7) throw reader.error(`attribute 'dtype' = ${code} is not supported (6 INT32 or 7 INT64)`);
  const dtype = code === 6 ? 'int32' : 'int64';
  const random = randomFor(reader);
  const slot = new OutputSlot();
  let cumulative = new Float64Array(0);
  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      if (x.rank !== 2 || x.dims[1] < 1) throw reader.error(`input must be [batch, classes] with classes >= 1, got ${shapeText(x.dims)}`);
      const [batch, classes] = x.dims;
      if (cumulative.length < classes) cumulative = new Float64Array(classes);
      const y = slot.get(dtype, [batch, samples]);
      const out = y.data;
      for (let b = 0; b < batch; b++) {
        const row = b * classes;
        let max = -Infinity;
        for (let k = 0; k < classes; k++) if (x.data[row + k] > max) max = x.data[row + k];
        let total = 0;
        for (let k = 0; k < classes; k++) cumulative[k] = total += Math.exp(x.data[row + k] - max);
        for (let s = 0; s < samples; s++) {
          const u = random.uniform() * total;
          let lo = 0, hi = classes - 1;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (cumulative[mid] > u) hi = mid; else lo = mid + 1;
          }
          if (dtype === 'int64') (out as BigInt64Array)[b * samples + s] = BigInt(lo);
          else (out as Int32Array)[b * samples + s] = lo;
        }
      }
      return [y];
    },
  };
};
