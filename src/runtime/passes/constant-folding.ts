import type { KernelFactory } from '../cpu/kernel.js';
import { ModelLoadError } from '../errors.js';
import type { Graph, GraphNode } from '../graph.js';
import { Tensor } from '../tensor.js';
import { constantOfShapeValue, constantValue } from './constant-node.js';
import { inlineBranch } from './inline-if.js';
import { staticShapes } from './static-shapes.js';

/** Operators whose output changes from run to run: never folded even when their inputs are constant. */
const RANDOM_OPS: ReadonlySet<string> = new Set(['RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike', 'Multinomial', 'Bernoulli']);

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `Shape` of a known shape, with opset 15's `start` / `end` (negative counts from the end; clamped). */
function shapeValue(node: GraphNode, dims: readonly number[]): Tensor {
  const rank = dims.length;
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  const start = clamp(typeof node.attributes['start'] === 'number' ? node.attributes['start'] : 0);
  const end = clamp(typeof node.attributes['end'] === 'number' ? node.attributes['end'] : rank);
  return new Tensor('int64', dims.slice(start, Math.max(start, end)).map((d) => BigInt(d)));
}

/** Runs a node whose inputs are all constant through its CPU kernel, at load. */
function runKernel(node: GraphNode, factory: KernelFactory, constants: ReadonlyMap<string, Tensor>, opset: number): Tensor[] {
  const inputs = node.inputs.map((name) => (name === '' ? undefined : constants.get(name)));
  try {
    const kernel = factory({ node, constantInput: (i) => inputs[i], opset });
    return kernel.run(inputs);
  } catch (cause) {
    throw new ModelLoadError(`constant folding of node '${node.name}' (${node.opType}) failed: ${reason(cause)}`, { cause });
  }
}

/** The constant value of an If node's condition, or undefined when it is computed at run time. */
function constantCondition(node: GraphNode, constants: ReadonlyMap<string, Tensor>): boolean | undefined {
  const cond = constants.get(node.inputs[0] ?? '');
  if (!cond || cond.size !== 1) return undefined;
  return Boolean(cond.data[0]);
}

/**
 * Folds what can be computed at load: `Constant` nodes, `Shape` of values with known shapes, `ConstantOfShape` of a
 * constant shape, `If` with a constant
 * condition (replaced by its branch, which is folded in turn), and every deterministic node whose inputs are all
 * constant, run through its CPU kernel (so `ConstantOfShape` chains, weight transposes and shape arithmetic
 * disappear). Folded values join the graph's constants; their nodes leave it. Nodes must be in topological order.
 * @throws ModelLoadError when a Constant node is malformed or a kernel fails on constant inputs, naming the node
 */
export function foldConstants(graph: Graph, kernels: Readonly<Record<string, KernelFactory>>): Graph {
  const constants = new Map(graph.constants);
  const shapes = staticShapes(graph);
  const remaining: GraphNode[] = [];
  const queue = [...graph.nodes];
  const fold = (node: GraphNode, values: readonly Tensor[]): void => {
    node.outputs.forEach((name, i) => {
      const value = values[i];
      if (name === '' || !value) return;
      constants.set(name, value);
      shapes.set(name, [...value.dims]);
    });
  };
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    if (node.domain !== '') {
      remaining.push(node);
      continue;
    }
    if (node.opType === 'Constant') {
      fold(node, [constantValue(node)]);
      continue;
    }
    if (node.opType === 'Shape' && shapes.has(node.inputs[0] ?? '')) {
      fold(node, [shapeValue(node, shapes.get(node.inputs[0])!)]);
      continue;
    }
    if (node.opType === 'ConstantOfShape' && constants.has(node.inputs[0] ?? '')) {
      fold(node, [constantOfShapeValue(node, constants.get(node.inputs[0])!)]);
      continue;
    }
    if (node.opType === 'If') {
      const condition = constantCondition(node, constants);
      const branch = condition === undefined ? undefined : node.attributes[condition ? 'then_branch' : 'else_branch'];
      if (branch && typeof branch === 'object' && 'nodes' in branch) {
        const inlined = inlineBranch(node, branch);
        for (const [name, value] of inlined.constants) constants.set(name, value);
        queue.splice(q + 1, 0, ...inlined.nodes);
        continue;
      }
    }
    const factory = kernels[node.opType];
    const present = node.inputs.filter((i) => i !== '');
    if (factory && present.length > 0 && !RANDOM_OPS.has(node.opType) && present.every((i) => constants.has(i))) {
      fold(node, runKernel(node, factory, constants, graph.opset));
      continue;
    }
    remaining.push(node);
  }
  return { ...graph, nodes: remaining, constants };
}
