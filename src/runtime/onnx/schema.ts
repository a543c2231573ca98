import protobuf from 'protobufjs/light.js';

/**
 * The ONNX protobuf schema (the messages a model file is made of, with the field numbers of onnx/onnx.proto),
 * as a protobufjs JSON descriptor: no `.proto` file is read at run time. Fields we never read (training info,
 * quantization annotations, device configurations) are left out; protobufjs skips them when decoding.
 * Field names are onnx.proto's (snake_case), so decoded messages read like the ONNX documentation.
 */
const rep = (type: string, id: number) => ({ rule: 'repeated', type, id });
const opt = (type: string, id: number) => ({ type, id });

const ONNX_DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        AttributeType: {
          values: {
            UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, SPARSE_TENSOR: 11, TYPE_PROTO: 13,
            FLOATS: 6, INTS: 7, STRINGS: 8, TENSORS: 9, GRAPHS: 10, SPARSE_TENSORS: 12, TYPE_PROTOS: 14,
          },
        },
        AttributeProto: {
          fields: {
            name: opt('string', 1), ref_attr_name: opt('string', 21), doc_string: opt('string', 13),
            type: opt('AttributeType', 20),
            f: opt('float', 2), i: opt('int64', 3), s: opt('bytes', 4), t: opt('TensorProto', 5), g: opt('GraphProto', 6),
            sparse_tensor: opt('SparseTensorProto', 22), tp: opt('TypeProto', 14),
            floats: rep('float', 7), ints: rep('int64', 8), strings: rep('bytes', 9), tensors: rep('TensorProto', 10),
            graphs: rep('GraphProto', 11), sparse_tensors: rep('SparseTensorProto', 23), type_protos: rep('TypeProto', 15),
          },
        },
        ValueInfoProto: {
          fields: { name: opt('string', 1), type: opt('TypeProto', 2), doc_string: opt('string', 3), metadata_props: rep('StringStringEntryProto', 4) },
        },
        NodeProto: {
          fields: {
            input: rep('string', 1), output: rep('string', 2), name: opt('string', 3), op_type: opt('string', 4),
            domain: opt('string', 7), overload: opt('string', 8), attribute: rep('AttributeProto', 5),
            doc_string: opt('string', 6), metadata_props: rep('StringStringEntryProto', 9),
          },
        },
        ModelProto: {
          fields: {
            ir_version: opt('int64', 1), opset_import: rep('OperatorSetIdProto', 8), producer_name: opt('string', 2),
            producer_version: opt('string', 3), domain: opt('string', 4), model_version: opt('int64', 5),
            doc_string: opt('string', 6), graph: opt('GraphProto', 7), metadata_props: rep('StringStringEntryProto', 14),
            functions: rep('FunctionProto', 25),
          },
        },
        StringStringEntryProto: { fields: { key: opt('string', 1), value: opt('string', 2) } },
        GraphProto: {
          fields: {
            node: rep('NodeProto', 1), name: opt('string', 2), initializer: rep('TensorProto', 5),
            sparse_initializer: rep('SparseTensorProto', 15), doc_string: opt('string', 10), input: rep('ValueInfoProto', 11),
            output: rep('ValueInfoProto', 12), value_info: rep('ValueInfoProto', 13), metadata_props: rep('StringStringEntryProto', 16),
          },
        },
        TensorProto: {
          fields: {
            dims: rep('int64', 1), data_type: opt('int32', 2), segment: opt('Segment', 3), float_data: rep('float', 4),
            int32_data: rep('int32', 5), string_data: rep('bytes', 6), int64_data: rep('int64', 7), name: opt('string', 8),
            doc_string: opt('string', 12), raw_data: opt('bytes', 9), external_data: rep('StringStringEntryProto', 13),
            data_location: opt('DataLocation', 14), double_data: rep('double', 10), uint64_data: rep('uint64', 11),
            metadata_props: rep('StringStringEntryProto', 16),
          },
          nested: {
            Segment: { fields: { begin: opt('int64', 1), end: opt('int64', 2) } },
            DataLocation: { values: { DEFAULT: 0, EXTERNAL: 1 } },
          },
        },
        SparseTensorProto: {
          fields: { values: opt('TensorProto', 1), indices: opt('TensorProto', 2), dims: rep('int64', 3) },
        },
        TensorShapeProto: {
          fields: { dim: rep('Dimension', 1) },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dim_value', 'dim_param'] } },
              fields: { dim_value: opt('int64', 1), dim_param: opt('string', 2), denotation: opt('string', 3) },
            },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensor_type', 'sequence_type', 'map_type', 'optional_type', 'sparse_tensor_type', 'opaque_type'] } },
          fields: {
            tensor_type: opt('Tensor', 1), sequence_type: opt('Sequence', 4), map_type: opt('Map', 5),
            optional_type: opt('Optional', 9), sparse_tensor_type: opt('SparseTensor', 8), opaque_type: opt('Opaque', 7),
            denotation: opt('string', 6),
          },
          nested: {
            Tensor: { fields: { elem_type: opt('int32', 1), shape: opt('TensorShapeProto', 2) } },
            Sequence: { fields: { elem_type: opt('TypeProto', 1) } },
            Map: { fields: { key_type: opt('int32', 1), value_type: opt('TypeProto', 2) } },
            Optional: { fields: { elem_type: opt('TypeProto', 1) } },
            SparseTensor: { fields: { elem_type: opt('int32', 1), shape: opt('TensorShapeProto', 2) } },
            Opaque: { fields: { domain: opt('string', 1), name: opt('string', 2) } },
          },
        },
        OperatorSetIdProto: { fields: { domain: opt('string', 1), version: opt('int64', 2) } },
        FunctionProto: {
          fields: {
            name: opt('string', 1), input: rep('string', 4), output: rep('string', 5), attribute: rep('string', 6),
            attribute_proto: rep('AttributeProto', 11), node: rep('NodeProto', 7), doc_string: opt('string', 8),
            opset_import: rep('OperatorSetIdProto', 9), domain: opt('string', 10), overload: opt('string', 13),
            value_info: rep('ValueInfoProto', 12), metadata_props: rep('StringStringEntryProto', 14),
          },
        },
      },
    },
  },
};

/** The protobufjs root holding the `onnx.*` message types. */
export const onnxRoot: protobuf.Root = protobuf.Root.fromJSON(ONNX_DESCRIPTOR);

/** The `onnx.ModelProto` message type: `decode()` model bytes, or `fromObject()` + `encode()` to write one. */
export const ModelProtoType: protobuf.Type = onnxRoot.lookupType('onnx.ModelProto');

/** `TensorProto.DataType` values (onnx.proto). */
export const OnnxDataType = {
  UNDEFINED: 0, FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, STRING: 8, BOOL: 9,
  FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, COMPLEX64: 14, COMPLEX128: 15, BFLOAT16: 16,
} as const;

/** `AttributeProto.AttributeType` values (onnx.proto). */
export const OnnxAttributeType = {
  UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8, TENSORS: 9,
  GRAPHS: 10, SPARSE_TENSOR: 11, SPARSE_TENSORS: 12, TYPE_PROTO: 13, TYPE_PROTOS: 14,
} as const;

/**
 * A decoded int64: a number, or a Long-like `{ low, high }` pair when protobufjs found the `long` package.
 * On input to `encodeModel`, a bigint or decimal string is accepted too.
 */
export type Int64 = number | { readonly low: number; readonly high: number; readonly unsigned?: boolean };

// The decoded messages. Absent scalar fields read as their defaults (0, '', empty bytes); absent messages are null
// or undefined; repeated fields are arrays (possibly empty).

/** `onnx.StringStringEntryProto`. */
export interface StringStringEntryProto { readonly key: string; readonly value: string }
/** `onnx.OperatorSetIdProto`. */
export interface OperatorSetIdProto { readonly domain: string; readonly version: Int64 }
/** `onnx.TensorShapeProto.Dimension`: `value` names the set field of the oneof. */
export interface DimensionProto { readonly dim_value?: Int64; readonly dim_param?: string; readonly value?: 'dim_value' | 'dim_param' }
/** `onnx.TensorShapeProto`. */
export interface TensorShapeProto { readonly dim: readonly DimensionProto[] }
/** `onnx.TypeProto`: `value` names the set field of the oneof. */
export interface TypeProto {
  readonly tensor_type?: { readonly elem_type: number; readonly shape?: TensorShapeProto | null } | null;
  readonly sequence_type?: { readonly elem_type?: TypeProto | null } | null;
  readonly map_type?: { readonly key_type: number; readonly value_type?: TypeProto | null } | null;
  readonly optional_type?: { readonly elem_type?: TypeProto | null } | null;
  readonly sparse_tensor_type?: { readonly elem_type: number; readonly shape?: TensorShapeProto | null } | null;
  readonly value?: 'tensor_type' | 'sequence_type' | 'map_type' | 'optional_type' | 'sparse_tensor_type' | 'opaque_type';
}
/** `onnx.ValueInfoProto`. */
export interface ValueInfoProto { readonly name: string; readonly type?: TypeProto | null }
/** `onnx.TensorProto`. `raw_data` views the model bytes (not a copy; not necessarily aligned). */
export interface TensorProto {
  readonly dims: readonly Int64[];
  readonly data_type: number;
  readonly segment?: { readonly begin: Int64; readonly end: Int64 } | null;
  readonly float_data: readonly number[];
  readonly int32_data: readonly number[];
  readonly string_data: readonly Uint8Array[];
  readonly int64_data: readonly Int64[];
  readonly name: string;
  readonly raw_data: Uint8Array;
  readonly external_data: readonly StringStringEntryProto[];
  readonly data_location: number;
  readonly double_data: readonly number[];
  readonly uint64_data: readonly Int64[];
}
/** `onnx.SparseTensorProto`. */
export interface SparseTensorProto { readonly values?: TensorProto | null; readonly indices?: TensorProto | null; readonly dims: readonly Int64[] }
/** `onnx.AttributeProto`. */
export interface AttributeProto {
  readonly name: string;
  readonly ref_attr_name: string;
  readonly type: number;
  readonly f: number;
  readonly i: Int64;
  readonly s: Uint8Array;
  readonly t?: TensorProto | null;
  readonly g?: GraphProto | null;
  readonly sparse_tensor?: SparseTensorProto | null;
  readonly floats: readonly number[];
  readonly ints: readonly Int64[];
  readonly strings: readonly Uint8Array[];
  readonly tensors: readonly TensorProto[];
  readonly graphs: readonly GraphProto[];
}
/** `onnx.NodeProto`. */
export interface NodeProto {
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly name: string;
  readonly op_type: string;
  readonly domain: string;
  readonly attribute: readonly AttributeProto[];
}
/** `onnx.GraphProto`. */
export interface GraphProto {
  readonly node: readonly NodeProto[];
  readonly name: string;
  readonly initializer: readonly TensorProto[];
  readonly sparse_initializer: readonly SparseTensorProto[];
  readonly input: readonly ValueInfoProto[];
  readonly output: readonly ValueInfoProto[];
  readonly value_info: readonly ValueInfoProto[];
}
/** `onnx.FunctionProto` (the fields a loader needs to recognise one). */
export interface FunctionProto { readonly name: string; readonly domain: string; readonly node: readonly NodeProto[] }
/** `onnx.ModelProto`. */
export interface ModelProto {
  readonly ir_version: Int64;
  readonly opset_import: readonly OperatorSetIdProto[];
  readonly producer_name: string;
  readonly producer_version: string;
  readonly domain: string;
  readonly model_version: Int64;
  readonly doc_string: string;
  readonly graph?: GraphProto | null;
  readonly metadata_props: readonly StringStringEntryProto[];
  readonly functions: readonly FunctionProto[];
}

/**
 * Decodes ONNX model bytes into a {@link ModelProto}. Byte fields view `bytes` (no copy).
 * @throws the protobufjs error (an Error, or a RangeError for a truncated buffer) when the bytes are not a
 *   well-formed message; callers wrap it in a ModelLoadError
 */
export function decodeModelProto(bytes: Uint8Array): ModelProto {
  return ModelProtoType.decode(bytes) as unknown as ModelProto;
}

/**
 * A {@link ModelProto} to encode, as a plain object with onnx.proto's field names; every field is optional.
 * int64 fields take numbers, bigints or decimal strings; bytes fields take Uint8Arrays.
 */
export type ModelProtoInit = Record<string, unknown>;

/**
 * Encodes a model given as a plain object (onnx.proto field names, e.g. `{ ir_version: 8, opset_import:
 * [{ domain: '', version: 17 }], graph: { node: [...], input: [...], output: [...], initializer: [...] } }`)
 * into ONNX bytes (a Uint8Array that owns its whole buffer). See `build.ts` for helpers that make nodes, tensors and value infos.
 * @throws TypeError when a field has the wrong kind of value
 */
export function encodeModel(model: ModelProtoInit): Uint8Array {
  const message = ModelProtoType.fromObject(normaliseInt64(model) as Record<string, unknown>);
  // A plain Uint8Array of its own (protobufjs gives a Node Buffer, possibly a view into a shared pool).
  return new Uint8Array(ModelProtoType.encode(message).finish());
}

/** protobufjs' `fromObject` takes int64 as numbers or strings, not bigints: convert them, recursively. */
function normaliseInt64(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(normaliseInt64);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = normaliseInt64(v);
  return out;
}
