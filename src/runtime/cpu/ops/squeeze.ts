import type { Tensor } from '../../tensor.js';
import type { CompiledKernel, KernelContext, KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { integersOf, shapeText } from './shape.js';

/** The axes of Squeeze/Unsqueeze: the attribute before opset 13, input 1 from opset 13 on. */
function axesOf(reader: NodeReader, inputs: readonly (Tensor | undefined)[], attribute: readonly number[] | undefined): readonly number[] | undefined {
  if (reader.opset < 13) return attribute;
  return inputs[1] ? integersOf(inputs[1]) : undefined;
}

/** Squeeze (a view): removes the given axes (each of size 1), or every axis of size 1 when none are given. */
function compileSqueeze(context: KernelContext): CompiledKernel {
  const reader = new NodeReader(context);
  const attribute = reader.ints('axes', undefined);
  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      const axes = axesOf(reader, inputs, attribute);
      const drop = new Set(axes ? axes.map((a) => reader.axis(a, x.rank, 'axes entry')) : x.dims.flatMap((d, i) => (d === 1 ? [i] : [])));
      for (const a of drop) if (x.dims[a] !== 1) throw reader.error(`cannot squeeze axis ${a} of size ${x.dims[a]} in ${shapeText(x.dims)}`);
      return [x.reshape(x.dims.filter((_, i) => !drop.has(i)))];
    },
  };
}

/** Unsqueeze (a view): inserts axes of size 1 at the given positions of the output. */
function compileUnsqueeze(context: KernelContext): CompiledKernel {
  const reader = new NodeReader(context);
  const attribute = reader.ints('axes', undefined);
  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      const axes = axesOf(reader, inputs, attribute);
      if (!axes) throw reader.error('axes are required');
      const rank = x.rank + axes.length;
      const inserted = new Set(axes.map((a) => reader.axis(a, rank, 'axes entry')));
      if (inserted.size !== axes.length) throw reader.error(`axes ${shapeText(axes)} repeat an axis`);
      const dims: number[] = [];
      for (let i = 0, j = 0; i < rank; i++) dims.push(inserted.has(i) ? 1 : x.dims[j++]);
      return [x.reshape(dims)];
    },
  };
}

/** Kernel factories of Squeeze and Unsqueeze. */
export const squeezeKernels: Record<string, KernelFactory> = { Squeeze: compileSqueeze, Unsqueeze: compileUnsqueeze };
