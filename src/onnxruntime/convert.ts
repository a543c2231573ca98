import type * as Ort from 'onnxruntime-web';
import type { DataType, TensorDataMap } from '../runtime/tensor.js';
import { Tensor } from '../runtime/tensor.js';

/** An onnxruntime-web tensor viewing the same typed array as `tensor` (no copy; bool is a Uint8Array on both sides). */
export function toOrtTensor(ort: typeof Ort, tensor: Tensor): Ort.Tensor {
  return new ort.Tensor(tensor.dtype as 'float32', tensor.data as Float32Array, tensor.dims);
}

/**
 * Our tensor viewing the data of an onnxruntime-web CPU tensor (no copy: onnxruntime-web already copied it
 * out of WebAssembly memory). The caller has checked that its type is a {@link DataType}.
 */
export function fromOrtTensor(value: Ort.Tensor): Tensor {
  const dtype = value.type as DataType;
  return new Tensor(dtype, value.data as TensorDataMap[typeof dtype], value.dims);
}
