import { ModelLoadError } from '../errors.js';
import type { ValueInfo } from '../model.js';
import { onnxTypeName, valueDataType } from './data-type.js';
import { int64ToNumber } from './int64.js';
import type { TensorShapeProto, ValueInfoProto } from './schema.js';

/** Dims of a shape: a number, the symbol's name, or null for an unnamed unknown dimension. */
function shapeDims(shape: TensorShapeProto | null | undefined): (number | string | null)[] {
  return (shape?.dim ?? []).map((d) => {
    if (d.value === 'dim_param' && d.dim_param) return d.dim_param;
    if (d.value === 'dim_value' && d.dim_value !== undefined) {
      const n = int64ToNumber(d.dim_value);
      return Number.isInteger(n) && n >= 0 ? n : null;
    }
    return null;
  });
}

/**
 * Our description of a graph input or output.
 * @param kind - 'input' or 'output', for messages
 * @throws ModelLoadError when the value is not a tensor, or its element type is not float32, int32, int64 or bool
 */
export function decodeValueInfo(proto: ValueInfoProto, kind: string): ValueInfo {
  const tensorType = proto.type?.tensor_type;
  if (!tensorType) {
    const got = proto.type?.value ?? 'no type';
    throw new ModelLoadError(`${kind} '${proto.name}' is not a tensor (${got}); only tensor inputs and outputs are supported`);
  }
  const dtype = valueDataType(tensorType.elem_type);
  if (!dtype) {
    throw new ModelLoadError(`${kind} '${proto.name}' has element type ${onnxTypeName(tensorType.elem_type)}; expected FLOAT, INT32, INT64 or BOOL`);
  }
  return Object.freeze({ name: proto.name, dtype, dims: Object.freeze(shapeDims(tensorType.shape)) });
}

/**
 * The description of an intermediate value from the graph's value_info, or undefined when it is not a tensor
 * of one of our dtypes (such hints are optional: ignoring one is safe).
 */
export function decodeValueHint(proto: ValueInfoProto): ValueInfo | undefined {
  const tensorType = proto.type?.tensor_type;
  const dtype = tensorType ? valueDataType(tensorType.elem_type) : undefined;
  if (!tensorType || !dtype || !tensorType.shape) return undefined;
  return Object.freeze({ name: proto.name, dtype, dims: Object.freeze(shapeDims(tensorType.shape)) });
}
