import type { ValueMeta } from './kernel.js';
import { Tensor } from '../tensor.js';

/** The bytes a tensor occupies on the GPU: 4 per element (float32 as f32; int32, int64 and bool as i32). */
export function gpuBytes(meta: ValueMeta): number {
  return 4 * meta.dims.reduce((a, b) => a * b, 1);
}

/**
 * A tensor's elements as the GPU stores them. int64 keeps its low 32 bits (shape and index arithmetic fits);
 * bool becomes 0 / 1 words.
 */
export function toGpuData(tensor: Tensor): Float32Array | Int32Array {
  switch (tensor.dtype) {
    case 'float32': return tensor.data as Float32Array;
    case 'int32': return tensor.data as Int32Array;
    case 'int64': return Int32Array.from(tensor.data as BigInt64Array, (v) => Number(BigInt.asIntN(32, v)));
    default: return Int32Array.from(tensor.data as Uint8Array);
  }
}

/** A new tensor (owned by the caller) from GPU words at `byteOffset` of `bytes`. */
export function fromGpuData(bytes: ArrayBuffer, byteOffset: number, meta: ValueMeta): Tensor {
  const count = meta.dims.reduce((a, b) => a * b, 1);
  switch (meta.dtype) {
    case 'float32': return new Tensor('float32', new Float32Array(bytes.slice(byteOffset, byteOffset + 4 * count)), meta.dims);
    case 'int32': return new Tensor('int32', new Int32Array(bytes.slice(byteOffset, byteOffset + 4 * count)), meta.dims);
    case 'int64': return new Tensor('int64', BigInt64Array.from(new Int32Array(bytes, byteOffset, count), (v) => BigInt(v)), meta.dims);
    default: return new Tensor('bool', Uint8Array.from(new Int32Array(bytes, byteOffset, count), (v) => (v ? 1 : 0)), meta.dims);
  }
}
