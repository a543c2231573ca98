import { KernelError, ModelLoadError, UnsupportedOperatorError } from '../errors.js';
import type { UnsupportedNode } from '../errors.js';
import type { Graph, GraphNode } from '../graph.js';
import type { Tensor } from '../tensor.js';
import type { CompiledKernel, KernelFactory } from './kernel.js';

/** One node of a {@link Plan}: its compiled kernel and where its values live. */
export interface Step {
  readonly node: GraphNode;
  readonly kernel: CompiledKernel;
  /** Value slot of each input, -1 for an absent optional input. */
  readonly inputs: Int32Array;
  /** Value slot of each output, -1 for an unnamed (unused) output. */
  readonly outputs: Int32Array;
  /** The argument array handed to the kernel, refilled in place at each run. */
  readonly args: (Tensor | undefined)[];
  /** Slots whose last reader is this step: cleared after it so intermediates can be collected. */
  readonly frees: Int32Array;
}

/** A graph compiled for the CPU: kernels built once, values addressed by slot. */
export interface Plan {
  readonly steps: readonly Step[];
  /** Values by slot at the start of a run: constants filled in, everything else undefined. */
  readonly initial: readonly (Tensor | undefined)[];
  /** The slots that are not constants, which a run fills and clears. */
  readonly transient: Int32Array;
  /** Slot of each graph input, by name. */
  readonly inputSlots: ReadonlyMap<string, number>;
  /** Slot of each graph output, in graph order. */
  readonly outputSlots: readonly number[];
  /**
   * Whether each graph output must be copied before the user gets it: all but those produced by a kernel with
   * `ownedOutputs` (the first time the graph lists them).
   */
  readonly copyOutputs: readonly boolean[];
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A node's key in a kernel registry: the op type in the ONNX domain, `domain.opType` in others. */
export function kernelKey(node: GraphNode): string {
  return node.domain === '' ? node.opType : `${node.domain}.${node.opType}`;
}

/** The nodes no kernel of the registry implements. */
function unsupportedNodes(graph: Graph, kernels: Readonly<Record<string, KernelFactory>>): UnsupportedNode[] {
  return graph.nodes
    .filter((n) => !Object.hasOwn(kernels, kernelKey(n)))
    .map((n) => ({ node: n.name, op: n.opType, domain: n.domain }));
}

/**
 * Compiles every node's kernel once (with its constant inputs, for pre-packing) and lays out the value slots.
 * Nodes must be in topological order.
 * @throws UnsupportedOperatorError listing every node whose operator has no kernel
 * @throws ModelLoadError when a kernel refuses its node (bad attribute or constant input), naming the node
 */
export function compilePlan(graph: Graph, kernels: Readonly<Record<string, KernelFactory>>): Plan {
  const unsupported = unsupportedNodes(graph, kernels);
  if (unsupported.length > 0) throw new UnsupportedOperatorError('cpu', unsupported);
  const slots = new Map<string, number>();
  const initial: (Tensor | undefined)[] = [];
  const slotOf = (name: string): number => {
    let slot = slots.get(name);
    if (slot === undefined) {
      slot = initial.length;
      slots.set(name, slot);
      initial.push(graph.constants.get(name));
    }
    return slot;
  };
  const inputSlots = new Map(graph.inputs.map((i) => [i.name, slotOf(i.name)]));
  const outputSlots = graph.outputs.map((o) => slotOf(o.name));
  const lastReader = new Map<number, number>();
  const steps = graph.nodes.map((node, index) => {
    const inputs = Int32Array.from(node.inputs, (n) => (n === '' ? -1 : slotOf(n)));
    const outputs = Int32Array.from(node.outputs, (n) => (n === '' ? -1 : slotOf(n)));
    for (const slot of inputs) if (slot >= 0) lastReader.set(slot, index);
    let kernel: CompiledKernel;
    try {
      kernel = kernels[kernelKey(node)]({ node, opset: graph.opset, constantInput: (i) => graph.constants.get(node.inputs[i] ?? '') });
    } catch (cause) {
      const what = cause instanceof KernelError ? cause.message : `${node.opType} node '${node.name}': ${reason(cause)}`;
      throw new ModelLoadError(`the cpu back end cannot compile ${what}`, { cause });
    }
    return { node, kernel, inputs, outputs, args: new Array<Tensor | undefined>(inputs.length), frees: new Int32Array(0) };
  });
  const kept = new Set<number>([...outputSlots, ...inputSlots.values()]);
  const frees: number[][] = steps.map(() => []);
  for (const [slot, index] of lastReader) if (!kept.has(slot) && initial[slot] === undefined) frees[index].push(slot);
  steps.forEach((step, index) => {
    for (const slot of step.outputs) if (slot >= 0 && !lastReader.has(slot) && !kept.has(slot)) frees[index].push(slot);
  });
  const owned = new Set(steps.flatMap((s) => (s.kernel.ownedOutputs ? [...s.outputs] : [])));
  const copyOutputs = outputSlots.map((slot, i) => !owned.has(slot) || outputSlots.indexOf(slot) !== i);
  const transient = Int32Array.from(initial.keys()).filter((slot) => initial[slot] === undefined);
  return { steps: steps.map((s, i) => ({ ...s, frees: Int32Array.from(frees[i]) })), initial, transient, inputSlots, outputSlots, copyOutputs };
}
