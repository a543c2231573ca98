import { ModelLoadError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { isLittleEndian, swapBytes } from './build.js';
import { onnxTypeName } from './data-type.js';
import { int64ToBigInt, int64ToNumber } from './int64.js';
import type { TensorProto } from './schema.js';
import { OnnxDataType as T } from './schema.js';

/** Largest tensor dimension and element count accepted (guards allocations against corrupt dims). */
const MAX_ELEMENTS = 2 ** 31 - 1;

/** How one ONNX element type is stored: raw_data width and how it maps onto our dtypes. */
interface Layout {
  readonly width: number;
  /** The element read from a little-endian DataView at byte `offset`. */
  readonly read: (view: DataView, offset: number) => number | bigint;
  readonly dtype: 'float32' | 'int32' | 'int64' | 'bool';
}

const LAYOUTS: ReadonlyMap<number, Layout> = new Map<number, Layout>([
  [T.FLOAT, { width: 4, dtype: 'float32', read: (v, o) => v.getFloat32(o, true) }],
  [T.DOUBLE, { width: 8, dtype: 'float32', read: (v, o) => v.getFloat64(o, true) }],
  [T.FLOAT16, { width: 2, dtype: 'float32', read: (v, o) => halfToFloat(v.getUint16(o, true)) }],
  [T.INT32, { width: 4, dtype: 'int32', read: (v, o) => v.getInt32(o, true) }],
  [T.INT16, { width: 2, dtype: 'int32', read: (v, o) => v.getInt16(o, true) }],
  [T.UINT16, { width: 2, dtype: 'int32', read: (v, o) => v.getUint16(o, true) }],
  [T.INT8, { width: 1, dtype: 'int32', read: (v, o) => v.getInt8(o) }],
  [T.UINT8, { width: 1, dtype: 'int32', read: (v, o) => v.getUint8(o) }],
  [T.INT64, { width: 8, dtype: 'int64', read: (v, o) => v.getBigInt64(o, true) }],
  [T.UINT32, { width: 4, dtype: 'int64', read: (v, o) => BigInt(v.getUint32(o, true)) }],
  [T.UINT64, { width: 8, dtype: 'int64', read: (v, o) => v.getBigInt64(o, true) }],
  [T.BOOL, { width: 1, dtype: 'bool', read: (v, o) => (v.getUint8(o) ? 1 : 0) }],
]);

/** IEEE 754 half to float. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}

/** The dims of a tensor, checked: non-negative integers with a bounded product. */
function tensorDims(proto: TensorProto, what: string): number[] {
  const dims = (proto.dims ?? []).map(int64ToNumber);
  let size = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > MAX_ELEMENTS) throw new ModelLoadError(`${what}: invalid dims [${dims.join(', ')}]`);
    size *= d;
  }
  if (size > MAX_ELEMENTS) throw new ModelLoadError(`${what}: dims [${dims.join(', ')}] hold ${size} elements, more than ${MAX_ELEMENTS}`);
  return dims;
}

/** The elements of the typed field that holds this element type's data (onnx.proto: one field per type family). */
function typedField(proto: TensorProto, code: number): readonly (number | bigint)[] {
  switch (code) {
    case T.FLOAT: return proto.float_data;
    case T.DOUBLE: return proto.double_data;
    case T.INT64: return proto.int64_data.map(int64ToBigInt);
    case T.UINT32: case T.UINT64: return proto.uint64_data.map((v) => BigInt.asIntN(64, int64ToBigInt(v)));
    case T.FLOAT16: return proto.int32_data.map((v) => halfToFloat(v & 0xffff));
    case T.BOOL: return proto.int32_data.map((v) => (v ? 1 : 0));
    default: return proto.int32_data;
  }
}

function fromRaw(raw: Uint8Array, layout: Layout, dims: number[], what: string): Tensor {
  const size = dims.reduce((a, b) => a * b, 1);
  if (raw.length !== size * layout.width) {
    throw new ModelLoadError(`${what}: raw_data holds ${raw.length} bytes, but dims [${dims.join(', ')}] of ${layout.width}-byte elements need ${size * layout.width}`);
  }
  const out = Tensor.zeros(layout.dtype, dims);
  if (layout.width === out.data.BYTES_PER_ELEMENT && layout.dtype !== 'bool') {
    // Same element layout (FLOAT, INT32, INT64, UINT64): one aligned copy of the bytes, swapped on big-endian machines.
    const bytes = new Uint8Array(out.data.buffer);
    bytes.set(raw);
    if (!isLittleEndian()) swapBytes(bytes, layout.width);
    return out;
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const data = out.data as { [i: number]: number | bigint };
  for (let i = 0; i < size; i++) data[i] = layout.read(view, i * layout.width);
  return out;
}

/**
 * Our tensor holding a TensorProto's value: from raw_data (little-endian, any alignment) or the typed field of its
 * element type. FLOAT, DOUBLE and FLOAT16 become float32; INT32, INT16, INT8, UINT16 and UINT8 int32; INT64, UINT32
 * and UINT64 int64; BOOL bool.
 * @param what - how errors name the tensor, e.g. "initializer 'w'"
 * @throws ModelLoadError when the data is external, of an unsupported type, or does not match the dims
 */
export function decodeTensor(proto: TensorProto, what: string): Tensor {
  if (proto.data_location === 1 || (proto.external_data?.length ?? 0) > 0) {
    const location = proto.external_data?.find((e) => e.key === 'location')?.value ?? '?';
    throw new ModelLoadError(`${what}: its data is stored in an external file ('${location}'), which loadModel cannot read; save the model with its data embedded`);
  }
  if (proto.segment) throw new ModelLoadError(`${what}: segmented tensors are not supported`);
  const layout = LAYOUTS.get(proto.data_type);
  if (!layout) throw new ModelLoadError(`${what}: element type ${onnxTypeName(proto.data_type)} is not supported (supported: FLOAT, DOUBLE, FLOAT16, INT8-64, UINT8-64, BOOL)`);
  const dims = tensorDims(proto, what);
  if (proto.raw_data && proto.raw_data.length > 0) return fromRaw(proto.raw_data, layout, dims, what);
  const values = typedField(proto, proto.data_type);
  const size = dims.reduce((a, b) => a * b, 1);
  if (values.length !== size) {
    throw new ModelLoadError(`${what}: holds ${values.length} ${onnxTypeName(proto.data_type)} values, but dims [${dims.join(', ')}] need ${size}`);
  }
  const out = Tensor.zeros(layout.dtype, dims);
  const data = out.data as { [i: number]: number | bigint };
  const wantBig = layout.dtype === 'int64';
  for (let i = 0; i < size; i++) {
    const v = values[i];
    data[i] = wantBig ? (typeof v === 'bigint' ? v : BigInt(Math.trunc(v))) : Number(v);
  }
  return out;
}
