import { ModelLoadError } from '../errors.js';
import type { Graph, GraphNode } from '../graph.js';
import { nodeReads } from './scope.js';

/**
 * The graph with its nodes in an order where every node comes after the producers of what it reads (Kahn's
 * algorithm, keeping file order among nodes that are ready together).
 * @throws ModelLoadError when a value is produced twice, a node reads a value nothing produces, a graph output
 *   is never produced, or the nodes form a cycle; the message names the node and the value
 */
export function topologicalSort(graph: Graph): Graph {
  const available = new Set<string>([...graph.inputs.map((i) => i.name), ...graph.constants.keys()]);
  const producer = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    for (const output of node.outputs) {
      if (output === '') continue;
      if (producer.has(output) || available.has(output)) {
        throw new ModelLoadError(`node '${node.name}' (${node.opType}) produces '${output}', which ${available.has(output) ? 'is already a graph input or initializer' : `node '${graph.nodes[producer.get(output)!].name}' produces too`}`);
      }
      producer.set(output, index);
    }
  });
  const waiting = new Array<number>(graph.nodes.length).fill(0);
  const dependents: number[][] = graph.nodes.map(() => []);
  graph.nodes.forEach((node, index) => {
    for (const name of new Set(nodeReads(node))) {
      const from = producer.get(name);
      if (from !== undefined) {
        waiting[index]++;
        dependents[from].push(index);
      } else if (!available.has(name)) {
        throw new ModelLoadError(`node '${node.name}' (${node.opType}) reads '${name}', which no node, graph input or initializer produces`);
      }
    }
  });
  for (const output of graph.outputs) {
    if (!producer.has(output.name) && !available.has(output.name)) throw new ModelLoadError(`graph output '${output.name}' is produced by no node`);
  }
  // Ready nodes by file index (sorted insertion: graphs have few ready nodes at a time), so file order wins ties.
  const ready: number[] = [];
  waiting.forEach((count, index) => count === 0 && ready.push(index));
  const order: GraphNode[] = [];
  while (ready.length > 0) {
    const index = ready.shift()!;
    order.push(graph.nodes[index]);
    for (const next of dependents[index]) {
      if (--waiting[next] === 0) insertSorted(ready, next);
    }
  }
  if (order.length !== graph.nodes.length) {
    const stuck = graph.nodes.filter((_, i) => waiting[i] > 0).slice(0, 5).map((n) => `'${n.name}' (${n.opType})`);
    throw new ModelLoadError(`the graph has a cycle through node${stuck.length > 1 ? 's' : ''} ${stuck.join(', ')}`);
  }
  return { ...graph, nodes: order };
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > value) i--;
  list.splice(i, 0, value);
}
