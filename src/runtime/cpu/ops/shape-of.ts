import { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { integersOf, shapeText } from './shape.js';

/** Shape: the input's dims as int64, with opset 15's `start` / `end` (negative from the end, clamped). */
export const shapeKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const startAttribute = reader.int('start', 0);
  const endAttribute = reader.has('end') ? reader.int('end', 0) : undefined;
  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      const rank = x.rank;
      const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
      const start = clamp(startAttribute);
      const end = clamp(endAttribute ?? rank);
      return [new Tensor('int64', x.dims.slice(start, Math.max(start, end)).map((d) => BigInt(d)))];
    },
  };
};

/** ConstantOfShape: a tensor of the shape given by input 0 filled with the one-element `value` (default float 0). */
export const constantOfShapeKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const value = context.node.attributes['value'];
  if (value !== undefined && !(value instanceof Tensor && value.size === 1)) throw reader.error(`attribute 'value' must be a one-element tensor`);
  const fill = value ?? new Tensor('float32', [0]);
  return {
    run(inputs) {
      const dims = integersOf(reader.typed(inputs, 0, ['int64', 'int32']));
      if (dims.some((d) => !Number.isInteger(d) || d < 0)) throw reader.error(`shape ${shapeText(dims)} must hold non-negative integers`);
      const y = Tensor.zeros(fill.dtype, dims);
      (y.data as Float32Array).fill(fill.data[0] as number);
      return [y];
    },
  };
};
