import type { InferenceSession } from 'onnxruntime-web';
import { ModelLoadError } from '../runtime/errors.js';
import type { ValueInfo } from '../runtime/model.js';
import type { DataType } from '../runtime/tensor.js';

const DATA_TYPES: readonly string[] = ['float32', 'int32', 'int64', 'bool'] satisfies DataType[];

/**
 * Our description of one session input or output. onnxruntime-web reports an unknown shape and a scalar
 * alike, as `[]`.
 * @throws ModelLoadError when the value is not a tensor or its element type is not a {@link DataType}
 */
export function toValueInfo(meta: InferenceSession.ValueMetadata, kind: 'input' | 'output'): ValueInfo {
  if (!meta.isTensor) throw new ModelLoadError(`${kind} '${meta.name}' is not a tensor; the onnxruntime back end runs tensor models only`);
  if (!DATA_TYPES.includes(meta.type)) {
    throw new ModelLoadError(`${kind} '${meta.name}' has element type ${meta.type}; expected one of ${DATA_TYPES.join(', ')}`);
  }
  return Object.freeze({ name: meta.name, dtype: meta.type as DataType, dims: Object.freeze([...meta.shape]) });
}
