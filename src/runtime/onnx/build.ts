import type { DataType } from '../tensor.js';
import { Tensor } from '../tensor.js';
import { encodeModel, OnnxAttributeType, OnnxDataType } from './schema.js';

/** ONNX element type of each {@link DataType}. */
export const ONNX_DATA_TYPE: Readonly<Record<DataType, number>> = {
  float32: OnnxDataType.FLOAT,
  int32: OnnxDataType.INT32,
  int64: OnnxDataType.INT64,
  bool: OnnxDataType.BOOL,
};

/** An attribute value to encode: numbers are INT when integral unless `float()` wraps them. */
export type AttributeInit = number | bigint | string | Tensor | FloatAttribute | readonly number[] | readonly bigint[] | readonly string[] | FloatsAttribute;

/** A float attribute whose value happens to be integral (`{ float: 1 }`); plain numbers that are integers encode as INT. */
export interface FloatAttribute { readonly float: number }
/** A list of floats whose values may all be integral (`{ floats: [1, 2] }`). */
export interface FloatsAttribute { readonly floats: readonly number[] }

/** One node to encode. */
export interface NodeInit {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** @default `<opType>_<index>` is left to the loader: no name is written */
  readonly name?: string;
  /** @default '' (the ONNX domain) */
  readonly domain?: string;
  readonly attributes?: Readonly<Record<string, AttributeInit>>;
}

/** A graph input or output to encode: dims are numbers, symbolic names, or null for an unnamed unknown. */
export interface ValueInfoInit {
  readonly name: string;
  readonly dtype: DataType;
  readonly dims: readonly (number | string | null)[];
}

/** A whole single-graph model to encode with {@link buildModel}. */
export interface ModelInit {
  readonly nodes: readonly NodeInit[];
  readonly inputs: readonly ValueInfoInit[];
  readonly outputs: readonly ValueInfoInit[];
  /** Constant tensors by name. */
  readonly initializers?: Readonly<Record<string, Tensor>>;
  /** @default 17 */
  readonly opset?: number;
  /** @default 8 */
  readonly irVersion?: number;
  /** Extra opset imports, e.g. `{ 'com.microsoft': 1 }`. */
  readonly domains?: Readonly<Record<string, number>>;
  /** @default 'babylon-collaborator' */
  readonly producerName?: string;
}

/** A TensorProto object (for {@link encodeModel}) holding `tensor`, its data in `raw_data` (little-endian). */
export function tensorProto(name: string, tensor: Tensor): Record<string, unknown> {
  const data = tensor.data;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (!isLittleEndian() && data.BYTES_PER_ELEMENT > 1) swapBytes(bytes, data.BYTES_PER_ELEMENT);
  return { name, dims: [...tensor.dims], data_type: ONNX_DATA_TYPE[tensor.dtype], raw_data: bytes };
}

/** A ValueInfoProto object (for {@link encodeModel}) of a tensor. */
export function valueInfoProto(info: ValueInfoInit): Record<string, unknown> {
  const dim = info.dims.map((d) => (typeof d === 'number' ? { dim_value: d } : typeof d === 'string' ? { dim_param: d } : {}));
  return { name: info.name, type: { tensor_type: { elem_type: ONNX_DATA_TYPE[info.dtype], shape: { dim } } } };
}

/** An AttributeProto object (for {@link encodeModel}). */
export function attributeProto(name: string, value: AttributeInit): Record<string, unknown> {
  const T = OnnxAttributeType;
  if (value instanceof Tensor) return { name, type: T.TENSOR, t: tensorProto('', value) };
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'bigint') return { name, type: T.INT, i: value.toString() };
  if (typeof value === 'number') return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: T.FLOATS, floats: [...value.floats] };
  const list = value as readonly (number | bigint | string)[];
  if (list.every((v) => typeof v === 'string')) return { name, type: T.STRINGS, strings: (list as string[]).map((s) => new TextEncoder().encode(s)) };
  if (list.every((v) => typeof v === 'bigint' || Number.isInteger(v))) return { name, type: T.INTS, ints: list.map((v) => v.toString()) };
  return { name, type: T.FLOATS, floats: list };
}

/** A NodeProto object (for {@link encodeModel}). */
export function nodeProto(node: NodeInit): Record<string, unknown> {
  return {
    op_type: node.opType,
    input: [...node.inputs],
    output: [...node.outputs],
    ...(node.name !== undefined && { name: node.name }),
    ...(node.domain !== undefined && { domain: node.domain }),
    attribute: Object.entries(node.attributes ?? {}).map(([k, v]) => attributeProto(k, v)),
  };
}

/**
 * Encodes a one-graph model: handy for tests and for exporting small networks.
 * @example buildModel({ nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }],
 *   inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 4] }], outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 4] }] })
 */
export function buildModel(model: ModelInit): Uint8Array {
  const opsets = [{ domain: '', version: model.opset ?? 17 }, ...Object.entries(model.domains ?? {}).map(([domain, version]) => ({ domain, version }))];
  return encodeModel({
    ir_version: model.irVersion ?? 8,
    producer_name: model.producerName ?? 'babylon-collaborator',
    opset_import: opsets,
    graph: {
      name: 'main',
      node: model.nodes.map(nodeProto),
      input: model.inputs.map(valueInfoProto),
      output: model.outputs.map(valueInfoProto),
      initializer: Object.entries(model.initializers ?? {}).map(([name, t]) => tensorProto(name, t)),
    },
  });
}

/** Whether this machine stores numbers little-endian (ONNX raw_data is little-endian). */
export function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/** Reverses the bytes of each `width`-byte element in place (endianness swap). */
export function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i + width <= bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}
