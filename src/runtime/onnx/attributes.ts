import { ModelLoadError } from '../errors.js';
import type { AttributeValue, Graph } from '../graph.js';
import { int64ToNumber } from './int64.js';
import type { AttributeProto, GraphProto } from './schema.js';
import { OnnxAttributeType as A } from './schema.js';
import { decodeTensor } from './tensor-proto.js';

const utf8 = new TextDecoder();

/** Decodes a subgraph attribute (the `then_branch` of an If); given by the graph decoder to avoid an import cycle. */
export type SubgraphDecoder = (proto: GraphProto, where: string) => Graph;

/** The attribute type, from `type` or, for files older than IR 2 that lack it, from the field that is set. */
function attributeType(proto: AttributeProto): number {
  if (proto.type) return proto.type;
  if (proto.floats?.length) return A.FLOATS;
  if (proto.ints?.length) return A.INTS;
  if (proto.strings?.length) return A.STRINGS;
  if (proto.tensors?.length) return A.TENSORS;
  if (proto.graphs?.length) return A.GRAPHS;
  if (proto.t) return A.TENSOR;
  if (proto.g) return A.GRAPH;
  if (proto.s?.length) return A.STRING;
  return Object.hasOwn(proto, 'f') ? A.FLOAT : A.INT;
}

/**
 * Our value of one node attribute. INT and INTS become numbers (values beyond 2^53, such as INT64_MAX used as
 * "to the end", keep their sign and magnitude), STRING(S) UTF-8 strings, TENSOR(S) tensors, GRAPH(S) graphs.
 * @param where - the node, for messages, e.g. "node 'conv1' (Conv)"
 * @throws ModelLoadError for sparse tensor and type attributes, and for corrupt tensors
 */
export function decodeAttribute(proto: AttributeProto, where: string, subgraph: SubgraphDecoder): AttributeValue {
  const what = `${where}, attribute '${proto.name}'`;
  switch (attributeType(proto)) {
    case A.FLOAT: return proto.f;
    case A.INT: return int64ToNumber(proto.i);
    case A.STRING: return utf8.decode(proto.s);
    case A.TENSOR:
      if (!proto.t) throw new ModelLoadError(`${what}: a TENSOR attribute without a tensor`);
      return decodeTensor(proto.t, what);
    case A.GRAPH:
      if (!proto.g) throw new ModelLoadError(`${what}: a GRAPH attribute without a graph`);
      return subgraph(proto.g, what);
    case A.FLOATS: return Object.freeze([...proto.floats]);
    case A.INTS: return Object.freeze(proto.ints.map(int64ToNumber));
    case A.STRINGS: return Object.freeze(proto.strings.map((s) => utf8.decode(s)));
    case A.TENSORS: return Object.freeze(proto.tensors.map((t, i) => decodeTensor(t, `${what}[${i}]`)));
    case A.GRAPHS: return Object.freeze(proto.graphs.map((g, i) => subgraph(g, `${what}[${i}]`)));
    default: throw new ModelLoadError(`${what}: attribute type ${proto.type} (sparse tensors, type protos) is not supported`);
  }
}
