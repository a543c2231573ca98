import type { Graph, GraphNode } from '../graph.js';
import type { Tensor } from '../tensor.js';
import { outerReferences } from './scope.js';

/** What inlining an `If` branch adds to the enclosing graph. */
export interface InlinedBranch {
  readonly nodes: GraphNode[];
  readonly constants: Map<string, Tensor>;
}

/**
 * The nodes and constants that replace an `If` node whose condition is constant: the chosen branch's nodes, its
 * own values renamed `<if node>/<name>` so they cannot clash with the enclosing graph's, then one Identity per
 * output mapping the branch's outputs onto the If's.
 */
export function inlineBranch(node: GraphNode, branch: Graph): InlinedBranch {
  const outer = outerReferences(branch);
  const rename = (name: string): string => (name === '' || outer.has(name) ? name : `${node.name}/${name}`);
  const constants = new Map<string, Tensor>();
  for (const [name, value] of branch.constants) constants.set(rename(name), value);
  const nodes: GraphNode[] = branch.nodes.map((n) => ({
    ...n,
    name: `${node.name}/${n.name}`,
    inputs: n.inputs.map(rename),
    outputs: n.outputs.map(rename),
  }));
  branch.outputs.forEach((output, i) => {
    const target = node.outputs[i];
    if (target === undefined || target === '') return;
    nodes.push({ name: `${node.name}/output_${i}`, opType: 'Identity', domain: '', inputs: [rename(output.name)], outputs: [target], attributes: {} });
  });
  return { nodes, constants };
}
