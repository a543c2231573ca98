import type { ValueInfo } from './model.js';
import { batchSymbol } from './passes/batch-dimension.js';
import { Tensor } from './tensor.js';

/**
 * Feeds of the model's input shapes for timing runs: the batch dimension (see {@link batchSymbol}) is
 * `batchSize`, any other unknown dimension 1; floats are small deterministic values, integers and booleans 0 / 1.
 */
export function exampleFeeds(inputs: readonly ValueInfo[], batchSize: number): Record<string, Tensor> {
  const batch = batchSymbol(inputs);
  const feeds: Record<string, Tensor> = {};
  for (const info of inputs) {
    const dims = info.dims.map((d, axis) => (typeof d === 'number' ? d : axis === 0 && (d === batch || d === null) ? batchSize : 1));
    const tensor = Tensor.zeros(info.dtype, dims);
    if (info.dtype === 'float32') {
      const data = tensor.data as Float32Array;
      for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 200) / 100 - 1;
    } else if (info.dtype === 'bool' || info.dtype === 'int32') {
      (tensor.data as Uint8Array | Int32Array).fill(1);
    }
    feeds[info.name] = tensor;
  }
  return feeds;
}
