import type { KernelFactory } from '../cpu/kernel.js';
import type { Graph } from '../graph.js';
import { foldConstants } from './constant-folding.js';
import { removeDeadNodes } from './dead-nodes.js';
import { topologicalSort } from './topological-sort.js';

/**
 * The graph passes run at load, in order: topological sort (which also checks that every value has a producer),
 * constant folding with the CPU `kernels`, dead-node removal, and a final sort (inlined If branches keep their
 * own order).
 * @throws ModelLoadError when the graph is malformed, naming the node and the value
 */
export function optimiseGraph(graph: Graph, kernels: Readonly<Record<string, KernelFactory>>): Graph {
  const sorted = topologicalSort(graph);
  return topologicalSort(removeDeadNodes(foldConstants(sorted, kernels)));
}
