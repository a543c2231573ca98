import type { AttributeValue, Graph, GraphNode } from '../graph.js';

function isGraph(value: unknown): value is Graph {
  return typeof value === 'object' && value !== null && Array.isArray((value as Graph).nodes) && (value as Graph).constants instanceof Map;
}

/** The subgraphs among a node's attributes (If branches, Loop bodies). */
export function subgraphsOf(node: GraphNode): Graph[] {
  const graphs: Graph[] = [];
  const visit = (value: AttributeValue): void => {
    if (isGraph(value)) graphs.push(value);
    else if (Array.isArray(value)) for (const v of value) if (isGraph(v)) graphs.push(v);
  };
  for (const value of Object.values(node.attributes)) visit(value);
  return graphs;
}

/** Names a subgraph reads from its enclosing scopes: used by its nodes, but neither produced, inputs nor constants of it. */
export function outerReferences(graph: Graph): Set<string> {
  const local = new Set<string>([...graph.constants.keys(), ...graph.inputs.map((i) => i.name)]);
  for (const node of graph.nodes) for (const o of node.outputs) local.add(o);
  const outer = new Set<string>();
  const read = (name: string): void => {
    if (name && !local.has(name)) outer.add(name);
  };
  for (const node of graph.nodes) {
    node.inputs.forEach(read);
    for (const sub of subgraphsOf(node)) outerReferences(sub).forEach(read);
  }
  graph.outputs.forEach((o) => read(o.name));
  return outer;
}

/** Every value a node reads: its inputs (absent optional ones excluded) and what its subgraphs read from outside. */
export function nodeReads(node: GraphNode): string[] {
  const reads = node.inputs.filter((i) => i !== '');
  for (const sub of subgraphsOf(node)) reads.push(...outerReferences(sub));
  return reads;
}

/**
 * How many times each value is read: once per node input naming it (subgraph reads included), plus two for a graph
 * output, so that a count of 1 means one reader and not an output (a value a fusion may keep inside the fused op).
 */
export function readCounts(graph: Graph): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of graph.nodes) for (const name of nodeReads(node)) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const output of graph.outputs) counts.set(output.name, (counts.get(output.name) ?? 0) + 2);
  return counts;
}
