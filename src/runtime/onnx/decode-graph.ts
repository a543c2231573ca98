import { ModelLoadError } from '../errors.js';
import type { AttributeValue, Graph, GraphNode } from '../graph.js';
import type { ValueInfo } from '../model.js';
import type { Tensor } from '../tensor.js';
import { decodeAttribute } from './attributes.js';
import type { GraphProto, NodeProto } from './schema.js';
import { decodeTensor } from './tensor-proto.js';
import { decodeValueHint, decodeValueInfo } from './value-info.js';

/** A node's name: its own, or `<opType>_<index>` when the file has none. */
function nodeName(proto: NodeProto, index: number): string {
  return proto.name || `${proto.op_type || 'node'}_${index}`;
}

function decodeNode(proto: NodeProto, index: number, opset: number): GraphNode {
  const name = nodeName(proto, index);
  const where = `node '${name}' (${proto.op_type})`;
  if (!proto.op_type) throw new ModelLoadError(`node '${name}' has no op_type`);
  const attributes: Record<string, AttributeValue> = {};
  for (const attribute of proto.attribute) {
    if (!attribute.name) throw new ModelLoadError(`${where}: an attribute has no name`);
    attributes[attribute.name] = decodeAttribute(attribute, where, (g, at) => decodeGraph(g, opset, at));
  }
  return Object.freeze({
    name,
    opType: proto.op_type,
    domain: proto.domain === 'ai.onnx' ? '' : proto.domain,
    inputs: Object.freeze([...proto.input]),
    outputs: Object.freeze([...proto.output]),
    attributes: Object.freeze(attributes),
  });
}

/**
 * Our graph of a GraphProto, nodes in file order (passes sort them): initialisers become constants, and the graph
 * inputs are those that are not initialisers. Subgraphs (If branches) are decoded the same way.
 * @param where - how errors name the graph: 'the model' or the attribute holding a subgraph
 * @throws ModelLoadError naming the value, the node or the attribute that is wrong
 */
export function decodeGraph(proto: GraphProto, opset: number, where = 'the model'): Graph {
  const constants = new Map<string, Tensor>();
  for (const initializer of proto.initializer) {
    if (!initializer.name) throw new ModelLoadError(`${where}: an initializer has no name`);
    constants.set(initializer.name, decodeTensor(initializer, `initializer '${initializer.name}'`));
  }
  if (proto.sparse_initializer?.length) throw new ModelLoadError(`${where}: sparse initializers are not supported`);
  const inputs = proto.input.filter((i) => !constants.has(i.name)).map((i) => decodeValueInfo(i, 'input'));
  const outputs = proto.output.map((o) => decodeValueInfo(o, 'output'));
  const valueInfo = new Map<string, ValueInfo>();
  for (const hint of proto.value_info) {
    const info = decodeValueHint(hint);
    if (info) valueInfo.set(info.name, info);
  }
  const nodes = proto.node.map((n, i) => decodeNode(n, i, opset));
  return { nodes, constants, inputs: Object.freeze(inputs), outputs: Object.freeze(outputs), opset, valueInfo };
}
