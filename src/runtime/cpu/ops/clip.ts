import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';

/** The largest float32, Clip's bound before opset 11. */
const FLT_MAX = 3.4028234663852886e38;

/**
 * Clip: bounds from the `min`/`max` attributes before opset 11, from optional scalar inputs 1 and 2 from
 * opset 11 on; `min(max(x, min), max)`, so a min above max gives max everywhere. float32 and int32.
 */
export const clipKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const legacy = reader.opset < 11;
  const minAttribute = reader.float('min', -FLT_MAX);
  const maxAttribute = reader.float('max', FLT_MAX);
  const slot = new OutputSlot();
  const bound = (tensor: Tensor | undefined, which: string, fallback: number): number => {
    if (!tensor) return fallback;
    if (tensor.size !== 1) throw reader.error(`input '${which}' must be a scalar, got dims [${tensor.dims.join(', ')}]`);
    return Number(tensor.data[0]);
  };
  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32', 'int32']);
      const lo = legacy ? minAttribute : bound(inputs[1], 'min', -Infinity);
      const hi = legacy ? maxAttribute : bound(inputs[2], 'max', Infinity);
      const y = slot.get(x.dtype, x.dims);
      const src = x.data as Float32Array, dst = y.data as Float32Array;
      for (let i = 0; i < src.length; i++) {
        const v = src[i] < lo ? lo : src[i];
        dst[i] = v > hi ? hi : v;
      }
      return [y];
    },
  };
};
