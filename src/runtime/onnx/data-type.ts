import type { DataType } from '../tensor.js';
import { OnnxDataType } from './schema.js';

const NAMES = new Map<number, string>(Object.entries(OnnxDataType).map(([name, code]) => [code, name]));

/** The onnx.proto name of an element type code, e.g. 'FLOAT' for 1 (for messages). */
export function onnxTypeName(code: number): string {
  return NAMES.get(code) ?? `unknown element type ${code}`;
}

/** The {@link DataType} of graph inputs and outputs of an ONNX element type, or undefined when we have none. */
export function valueDataType(code: number): DataType | undefined {
  switch (code) {
    case OnnxDataType.FLOAT: return 'float32';
    case OnnxDataType.INT32: return 'int32';
    case OnnxDataType.INT64: return 'int64';
    case OnnxDataType.BOOL: return 'bool';
    default: return undefined;
  }
}
