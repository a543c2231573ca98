import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { shapeText, sizeBetween } from './shape.js';

/** Concat along `axis` (required, may be negative), any dtype; every other dimension must agree. */
export const concatKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  if (!reader.has('axis')) throw reader.error(`attribute 'axis' is required`);
  const axisAttribute = reader.int('axis', 0);
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const parts = inputs.map((_, i) => reader.input(inputs, i));
      if (parts.length === 0) throw reader.error('needs at least one input');
      const first = parts[0];
      const axis = reader.axis(axisAttribute, first.rank);
      const dims = [...first.dims];
      dims[axis] = 0;
      for (const part of parts) {
        const fits = part.dtype === first.dtype && part.rank === first.rank && part.dims.every((d, i) => i === axis || d === first.dims[i]);
        if (!fits) throw reader.error(`inputs ${parts.map((p) => `${p.dtype} ${shapeText(p.dims)}`).join(', ')} do not concatenate on axis ${axis}`);
        dims[axis] += part.dims[axis];
      }
      const y = slot.get(first.dtype, dims);
      const outer = sizeBetween(dims, 0, axis);
      const inner = sizeBetween(dims, axis + 1);
      const outChunk = dims[axis] * inner;
      const out = y.data as Float32Array;
      let offset = 0;
      for (const part of parts) {
        const chunk = part.dims[axis] * inner;
        const src = part.data as Float32Array;
        for (let o = 0; o < outer; o++) out.set(src.subarray(o * chunk, (o + 1) * chunk), o * outChunk + offset);
        offset += chunk;
      }
      return [y];
    },
  };
};
