import type { Graph, GraphNode } from '../graph.js';
import type { Tensor } from '../tensor.js';
import { nodeReads } from './scope.js';

/**
 * The graph without the nodes and constants no graph output depends on. Nodes must be in topological order.
 */
export function removeDeadNodes(graph: Graph): Graph {
  const needed = new Set(graph.outputs.map((o) => o.name));
  const kept: GraphNode[] = [];
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const node = graph.nodes[i];
    if (!node.outputs.some((o) => needed.has(o))) continue;
    kept.push(node);
    for (const name of nodeReads(node)) needed.add(name);
  }
  const constants = new Map<string, Tensor>();
  for (const [name, value] of graph.constants) if (needed.has(name)) constants.set(name, value);
  return { ...graph, nodes: kept.reverse(), constants };
}
