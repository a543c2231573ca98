import type { DataType, Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';

/** ONNX TensorProto.DataType codes of the dtypes a tensor can hold. */
const DTYPES: Record<number, DataType> = { 1: 'float32', 6: 'int32', 7: 'int64', 9: 'bool' };

/** Converts `source` into `out` (another dtype): floats truncate toward zero into integers, non-zero is true. */
function convert(source: Tensor, out: Tensor): Tensor {
  const n = source.size;
  const dtype = out.dtype;
  const src = source.data;
  if (dtype === 'int64') {
    const dst = out.data as BigInt64Array;
    if (source.dtype === 'int64') dst.set(src as BigInt64Array);
    else for (let i = 0; i < n; i++) dst[i] = BigInt(Math.trunc(Number(src[i])) || 0);
  } else if (dtype === 'bool') {
    const dst = out.data as Uint8Array;
    for (let i = 0; i < n; i++) dst[i] = src[i] ? 1 : 0;
  } else {
    const dst = out.data as Float32Array;
    if (source.dtype === 'int64') for (let i = 0; i < n; i++) dst[i] = Number(src[i]);
    else if (dtype === 'int32') for (let i = 0; i < n; i++) dst[i] = Math.trunc((src as Float32Array)[i]);
    else dst.set(src as Float32Array);
  }
  return out;
}

/** Cast to the `to` dtype (FLOAT, INT32, INT64 or BOOL); a cast to the same dtype returns the input. */
export const castKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const code = reader.int('to', -1);
  const dtype = DTYPES[code];
  if (!dtype) throw reader.error(`attribute 'to' = ${code} is not supported (supported: 1 FLOAT, 6 INT32, 7 INT64, 9 BOOL)`);
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      return [x.dtype === dtype ? x : convert(x, slot.get(dtype, x.dims))];
    },
  };
};
