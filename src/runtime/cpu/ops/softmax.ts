import type { CompiledKernel, KernelContext, KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { sizeBetween } from './shape.js';

/**
 * Softmax or LogSoftmax over groups of `length` elements `inner` apart (max-subtracted for stability).
 * Group `g` of outer block `b` starts at `b * length * inner + g`.
 */
function softmax(x: Float32Array, y: Float32Array, outer: number, length: number, inner: number, log: boolean): void {
  for (let b = 0; b < outer; b++) {
    for (let g = 0; g < inner; g++) {
      const start = b * length * inner + g;
      const end = start + length * inner;
      let max = -Infinity;
      for (let i = start; i < end; i += inner) if (x[i] > max) max = x[i];
      let sum = 0;
      for (let i = start; i < end; i += inner) {
        const e = Math.exp(x[i] - max);
        y[i] = e;
        sum += e;
      }
      if (log) {
        const shift = max + Math.log(sum);
        for (let i = start; i < end; i += inner) y[i] = x[i] - shift;
      } else {
        const scale = 1 / sum;
        for (let i = start; i < end; i += inner) y[i] *= scale;
      }
    }
  }
}

/**
 * Softmax and LogSoftmax. Before opset 13 the input is flattened to 2-D at `axis` (default 1) and normalised
 * over everything from `axis` on; from opset 13 it is normalised along `axis` alone (default -1).
 */
function compileSoftmax(context: KernelContext): CompiledKernel {
  const reader = new NodeReader(context);
  const log = context.node.opType === 'LogSoftmax';
  const flatten = reader.opset < 13;
  const axisAttribute = reader.int('axis', flatten ? 1 : -1);
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      const rank = x.rank;
      const axis = reader.axis(axisAttribute, Math.max(rank, 1));
      const outer = sizeBetween(x.dims, 0, axis);
      const length = flatten ? sizeBetween(x.dims, axis) : rank === 0 ? 1 : x.dims[axis];
      const inner = flatten ? 1 : sizeBetween(x.dims, axis + 1);
      const y = slot.get('float32', x.dims);
      softmax(x.data, y.data, outer, length, inner, log);
      return [y];
    },
  };
}

/** Kernel factories of Softmax and LogSoftmax. */
export const softmaxKernels: Record<string, KernelFactory> = { Softmax: compileSoftmax, LogSoftmax: compileSoftmax };
