import { ModelLoadError } from '../errors.js';
import type { AttributeValue, Graph, GraphNode } from '../graph.js';
import { readCounts } from './scope.js';

/** The operator domain of the CPU back end's fused operators (internal: made by {@link fuseForCpu} at load). */
export const FUSED_DOMAIN = 'ai.babylon-collaborator';

/** The fused activation of a Relu or Clip node, as attributes; undefined when its bounds are not constant. */
function activationOf(node: GraphNode, graph: Graph): Record<string, AttributeValue> | undefined {
  if (node.domain !== '') return undefined;
  if (node.opType === 'Relu') return { activation: 'Relu' };
  if (node.opType !== 'Clip') return undefined;
  if (graph.opset < 11) {
    const { min, max } = node.attributes;
    return { activation: 'Clip', activation_min: typeof min === 'number' ? min : -3.4028234663852886e38, activation_max: typeof max === 'number' ? max : 3.4028234663852886e38 };
  }
  const bound = (i: number, fallback: number): number | undefined => {
    const name = node.inputs[i] ?? '';
    if (name === '') return fallback;
    const value = graph.constants.get(name);
    return value && value.dtype === 'float32' && value.size === 1 ? (value.data[0] as number) : undefined;
  };
  const lo = bound(1, -Infinity), hi = bound(2, Infinity);
  return lo === undefined || hi === undefined ? undefined : { activation: 'Clip', activation_min: lo, activation_max: hi };
}

/** Whether a node can take a fused activation: a Conv or Gemm (plain or fused) without one yet. */
function takesActivation(node: GraphNode): boolean {
  const fused = node.domain === FUSED_DOMAIN && (node.opType === 'FusedConv' || node.opType === 'FusedGemm');
  return (fused && node.attributes['activation'] === undefined) || (node.domain === '' && (node.opType === 'Conv' || node.opType === 'Gemm'));
}

/** Whether a node can take a residual: a Conv (plain or fused) without a residual or activation yet. */
function takesResidual(node: GraphNode): boolean {
  if (node.domain === '' && node.opType === 'Conv') return true;
  return node.domain === FUSED_DOMAIN && node.opType === 'FusedConv' && node.inputs.length < 4 && node.attributes['activation'] === undefined;
}

/** The node as its fused operator, with `attributes` added, `inputs` replaced when given, and output `output`. */
function fused(node: GraphNode, output: string, attributes: Record<string, AttributeValue>, inputs?: readonly string[]): GraphNode {
  const opType = node.domain === FUSED_DOMAIN ? node.opType : `Fused${node.opType}`;
  return { ...node, opType, domain: FUSED_DOMAIN, inputs: inputs ?? node.inputs, outputs: [output], attributes: { ...node.attributes, ...attributes } };
}

/**
 * Fuses chains the CPU kernels run as one (the kernels are in cpu/ops: conv.ts and gemm.ts):
 * `Conv -> Add(residual)` into FusedConv with the residual as input 3 (Z; the kernel falls back to a broadcasting
 * Add when shapes differ at run time), and `Conv | Gemm | FusedConv | FusedGemm -> Relu | Clip (constant bounds)`
 * into FusedConv / FusedGemm with the activation in the GEMM's epilogue (attribute `activation`, with
 * `activation_min` / `activation_max` for Clip). A value is fused away only when its one reader is the next op of
 * the chain and it is not a graph output. Nodes must be in topological order; the result keeps it.
 * @throws ModelLoadError when a value is produced twice (a malformed graph), naming the node
 */
export function fuseForCpu(graph: Graph): Graph {
  const readers = readCounts(graph);
  const nodes: (GraphNode | undefined)[] = [];
  const producer = new Map<string, number>();
  /** The index of the node producing `name` when `name` is its only output and this is its only read. */
  const soleProducer = (name: string): number | undefined => {
    const index = producer.get(name);
    if (index === undefined || readers.get(name) !== 1) return undefined;
    const node = nodes[index];
    return node && node.outputs.length === 1 ? index : undefined;
  };
  for (const node of graph.nodes) {
    const activation = activationOf(node, graph);
    const into = activation ? soleProducer(node.inputs[0] ?? '') : undefined;
    if (activation && into !== undefined && takesActivation(nodes[into]!)) {
      nodes[into] = fused(nodes[into]!, node.outputs[0], activation);
      producer.set(node.outputs[0], into);
      continue;
    }
    if (node.domain === '' && node.opType === 'Add' && node.inputs.length === 2 && node.inputs[0] !== node.inputs[1]) {
      const side = [0, 1].find((i) => {
        const index = soleProducer(node.inputs[i]);
        return index !== undefined && takesResidual(nodes[index]!) && !graph.constants.has(node.inputs[1 - i]);
      });
      if (side !== undefined) {
        const index = producer.get(node.inputs[side])!;
        const conv = nodes[index]!;
        const inputs = [conv.inputs[0], conv.inputs[1], conv.inputs[2] ?? '', node.inputs[1 - side]];
        // The residual must exist before the conv runs: move the conv to the Add's place.
        nodes[index] = undefined;
        nodes.push(fused(conv, node.outputs[0], {}, inputs));
        producer.set(node.outputs[0], nodes.length - 1);
        continue;
      }
    }
    for (const output of node.outputs) {
      if (output === '') continue;
      if (producer.has(output)) throw new ModelLoadError(`node '${node.name}' (${node.opType}) writes '${output}', which another node also writes`);
      producer.set(output, nodes.length);
    }
    nodes.push(node);
  }
  return { ...graph, nodes: nodes.filter((n): n is GraphNode => n !== undefined) };
}
