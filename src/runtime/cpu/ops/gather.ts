import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { shapeText, sizeBetween } from './shape.js';

/**
 * Gather along `axis` (default 0, may be negative), any data dtype, int32 or int64 indices (negative count from
 * the end): output shape = data[:axis] + indices + data[axis+1:].
 */
export const gatherKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const axisAttribute = reader.int('axis', 0);
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const data = reader.input(inputs, 0);
      const indices = reader.typed(inputs, 1, ['int32', 'int64']);
      const axis = reader.axis(axisAttribute, data.rank);
      const size = data.dims[axis];
      const y = slot.get(data.dtype, [...data.dims.slice(0, axis), ...indices.dims, ...data.dims.slice(axis + 1)]);
      const outer = sizeBetween(data.dims, 0, axis);
      const inner = sizeBetween(data.dims, axis + 1);
      const count = indices.size;
      const src = data.data as Float32Array, out = y.data as Float32Array;
      for (let j = 0; j < count; j++) {
        const raw = Number(indices.data[j]);
        const index = raw < 0 ? raw + size : raw;
        if (!(index >= 0 && index < size)) throw reader.error(`index ${raw} is out of range for axis ${axis} of ${shapeText(data.dims)}`);
        for (let o = 0; o < outer; o++) {
          const from = (o * size + index) * inner;
          const to = (o * count + j) * inner;
          if (inner === 1) out[to] = src[from];
          else out.set(src.subarray(from, from + inner), to);
        }
      }
      return [y];
    },
  };
};
