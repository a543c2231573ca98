/** Builds a one-node graph from a shared kernel case, so the WebGPU back end runs it through its whole path. */
import type { Graph, GraphNode } from '../../../src/runtime/graph.js';
import type { ValueInfo } from '../../../src/runtime/model.js';
import type { Tensor } from '../../../src/runtime/tensor.js';
import type { KernelCase } from '../kernel-cases/index.js';

/** The case's node as a graph: constant inputs become initialisers, the others graph inputs of fixed dims. */
export function caseGraph(c: KernelCase, outputs: number): { graph: Graph; feeds: Record<string, Tensor> } {
  const node: GraphNode = {
    name: `${c.op.toLowerCase()}_case`,
    opType: c.op,
    domain: '',
    inputs: c.inputs.map((t, i) => (t ? `input${i}` : '')),
    outputs: Array.from({ length: outputs }, (_, i) => `output${i}`),
    attributes: c.attributes ?? {},
  };
  const constants = new Map<string, Tensor>();
  const inputs: ValueInfo[] = [];
  const feeds: Record<string, Tensor> = {};
  c.inputs.forEach((t, i) => {
    if (!t) return;
    if (c.constants?.includes(i)) constants.set(`input${i}`, t);
    else {
      inputs.push({ name: `input${i}`, dtype: t.dtype, dims: t.dims });
      feeds[`input${i}`] = t;
    }
  });
  const graphOutputs: ValueInfo[] = node.outputs.map((name) => ({ name, dtype: 'float32', dims: [] }));
  return { graph: { nodes: [node], constants, inputs, outputs: graphOutputs, opset: c.opset ?? 17 }, feeds };
}
