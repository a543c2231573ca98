import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { integersOf, shapeText, sizeBetween } from './shape.js';

/**
 * Reshape (a view, no copy): the target shape from input 1 (from the `shape` attribute before opset 5);
 * 0 copies the input's dimension unless `allowzero` is 1; one -1 is inferred.
 */
export const reshapeKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const allowZero = reader.int('allowzero', 0) !== 0;
  const shapeAttribute = reader.ints('shape', undefined);
  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      const requested = inputs[1] ? integersOf(inputs[1]) : shapeAttribute;
      if (!requested) throw reader.error('input shape is required');
      const dims = requested.map((d, i) => (d === 0 && !allowZero ? x.dims[i] : d));
      const unknown = dims.indexOf(-1);
      if (dims.some((d, i) => d === undefined || d < -1 || (d === -1 && i !== unknown))) {
        throw reader.error(`shape ${shapeText(requested)} is invalid for input ${shapeText(x.dims)}`);
      }
      if (unknown >= 0) {
        const known = dims.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
        dims[unknown] = known === 0 ? 0 : x.size / known;
      }
      if (!Number.isInteger(dims[unknown] ?? 0) || sizeBetween(dims, 0) !== x.size) {
        throw reader.error(`cannot reshape ${shapeText(x.dims)} (${x.size} elements) to ${shapeText(requested)}`);
      }
      return [x.reshape(dims)];
    },
  };
};

/** Flatten (a view): [product of dims before `axis`, product of the rest]; `axis` may be negative. */
export const flattenKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const axisAttribute = reader.int('axis', 1);
  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      const axis = axisAttribute === x.rank ? x.rank : reader.axis(axisAttribute, x.rank);
      return [x.reshape([sizeBetween(x.dims, 0, axis), sizeBetween(x.dims, axis)])];
    },
  };
};
