import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';

/** Identity: returns its input. */
export const identityKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  return { run: (inputs) => [reader.input(inputs, 0)] };
};
