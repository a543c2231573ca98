import type { Graph, GraphNode } from '../graph.js';
import { FUSED_DOMAIN } from './fusion.js';
import { readCounts } from './scope.js';

/** The attribute of a FusedGemmChain holding its layers: a graph whose nodes are the chained Gemms, in order. */
export const CHAIN_LAYERS = 'layers';

/** Whether a node is a Gemm (plain or fused) with a constant B and a constant or absent C. */
function constantGemm(node: GraphNode, graph: Graph): boolean {
  const gemm = (node.domain === '' && node.opType === 'Gemm') || (node.domain === FUSED_DOMAIN && node.opType === 'FusedGemm');
  const c = node.inputs[2] ?? '';
  return gemm && graph.constants.has(node.inputs[1]) && (c === '' || graph.constants.has(c));
}

/** The chain of `layers` as one FusedGemmChain node: inputs A then each layer's B and C ('' when absent). */
function chainNode(layers: readonly GraphNode[], opset: number): GraphNode {
  const layersGraph: Graph = { nodes: layers, constants: new Map(), inputs: [], outputs: [], opset };
  return {
    name: layers[0].name,
    opType: 'FusedGemmChain',
    domain: FUSED_DOMAIN,
    inputs: [layers[0].inputs[0], ...layers.flatMap((l) => [l.inputs[1], l.inputs[2] ?? ''])],
    outputs: [layers[layers.length - 1].outputs[0]],
    attributes: { [CHAIN_LAYERS]: layersGraph },
  };
}

/**
 * Chains Gemms with constant weights that feed one another (an MLP, its activations already fused by
 * {@link fuseForCpu}) into one FusedGemmChain node, so that the CPU back end keeps the activations between layers in
 * its WebAssembly memory (cpu/ops/gemm-chain.ts). A Gemm (plain or FusedGemm; constant B, constant or absent C)
 * joins the chain that produces its A when A is not transposed, has no other reader and is not a graph output.
 * The chain takes the place of its last layer, so the topological order is kept; single Gemms stay as they are.
 * The layers are kept as the nodes of the graph attribute {@link CHAIN_LAYERS} (its inputs, outputs and constants
 * empty: the node's inputs are A, then each layer's B and C).
 */
export function chainGemms(graph: Graph): Graph {
  const readers = readCounts(graph);
  const entries: (GraphNode[] | undefined)[] = [];
  /** The entry whose last layer produces a value, by value. */
  const tails = new Map<string, number>();
  for (const node of graph.nodes) {
    if (!constantGemm(node, graph)) {
      entries.push([node]);
      continue;
    }
    const a = node.inputs[0];
    const at = tails.get(a);
    const joins = at !== undefined && readers.get(a) === 1 && Number(node.attributes['transA'] ?? 0) === 0;
    entries.push(joins ? [...entries[at]!, node] : [node]);
    if (joins) entries[at] = undefined;
    tails.set(node.outputs[0], entries.length - 1);
  }
  const nodes = entries.flatMap((e) => (!e ? [] : e.length === 1 ? e : [chainNode(e, graph.opset)]));
  return nodes.length === graph.nodes.length ? graph : { ...graph, nodes };
}
