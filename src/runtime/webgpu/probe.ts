import type { CompiledKernel } from '../cpu/kernel.js';
import { cpuKernels } from '../cpu/ops/index.js';
import { compilePlan } from '../cpu/plan.js';
import type { Plan } from '../cpu/plan.js';
import { KernelError } from '../errors.js';
import type { Graph } from '../graph.js';
import { Tensor } from '../tensor.js';
import type { ValueMeta } from './kernel.js';

/** Ops whose outputs vary from run to run even with equal inputs. */
const RANDOM_OPS = new Set(['RandomNormalLike', 'RandomNormal', 'RandomUniform', 'RandomUniformLike', 'Multinomial']);

/** What a run signature (the feeds' dims) fixes: every value's dtype and dims, and the values computed from shapes alone. */
export interface SignatureShapes {
  readonly metas: ReadonlyMap<string, ValueMeta>;
  /** Values that depend on shapes and constants only (Shape and what is computed from it), by name. */
  readonly hostValues: ReadonlyMap<string, Tensor>;
}

/**
 * The values that depend on shapes and constants only: the outputs of Shape, and of every non-random node
 * whose inputs are all constants or such values.
 */
export function shapeOnlyValues(graph: Graph): Set<string> {
  const known = new Set<string>(graph.constants.keys());
  const derived = new Set<string>();
  for (const node of graph.nodes) {
    const fromShapes = node.opType === 'Shape' || (!RANDOM_OPS.has(node.opType) && node.inputs.length > 0 && node.inputs.every((n) => n === '' || known.has(n)));
    if (!fromShapes) continue;
    for (const output of node.outputs) if (output) {
      known.add(output);
      derived.add(output);
    }
  }
  return derived;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Finds the shapes of a run signature by running the graph once on the CPU kernels: the WebGPU plan needs every
 * value's dims before it can size buffers and uniforms, and the CPU kernels' checks give the same typed errors as
 * the CPU back end (a KernelError naming the node). Runs once per new signature, never per run.
 */
export class ShapeProbe {
  private readonly plan: Plan;
  private readonly derived: ReadonlySet<string>;
  private readonly names: string[];

  /**
   * @param graph - the optimised graph
   * @throws UnsupportedOperatorError or ModelLoadError as the CPU back end would
   */
  constructor(graph: Graph) {
    this.plan = compilePlan(graph, cpuKernels);
    this.derived = shapeOnlyValues(graph);
    this.names = [];
    for (const [name, slot] of this.plan.inputSlots) this.names[slot] = name;
    graph.nodes.forEach((node, i) => node.outputs.forEach((name, j) => {
      const slot = this.plan.steps[i].outputs[j];
      if (slot >= 0) this.names[slot] = name;
    }));
  }

  /**
   * Runs the graph on `feeds` and records what the signature fixes.
   * @throws KernelError naming the node when the feeds' shapes do not fit the graph
   */
  probe(feeds: Readonly<Record<string, Tensor>>): SignatureShapes {
    const values: (Tensor | undefined)[] = [...this.plan.initial];
    const metas = new Map<string, ValueMeta>();
    const hostValues = new Map<string, Tensor>();
    for (const [name, slot] of this.plan.inputSlots) {
      values[slot] = feeds[name];
      metas.set(name, { dtype: feeds[name].dtype, dims: feeds[name].dims });
    }
    for (const step of this.plan.steps) {
      const args = Array.from(step.inputs, (slot) => (slot < 0 ? undefined : values[slot]));
      const results = runKernel(step.kernel, step.node, args);
      step.outputs.forEach((slot, j) => {
        if (slot < 0) return;
        const value = results[j];
        if (!value) throw new KernelError(step.node, `the kernel returned ${results.length} outputs, the node has ${step.outputs.length}`);
        values[slot] = value;
        const name = this.names[slot];
        metas.set(name, { dtype: value.dtype, dims: value.dims });
        if (this.derived.has(name)) hostValues.set(name, new Tensor(value.dtype, value.data.slice() as Tensor['data'], value.dims));
      });
      for (const slot of step.frees) values[slot] = undefined;
    }
    return { metas, hostValues };
  }
}

/** Runs a CPU kernel, turning any failure into a KernelError naming the node. */
export function runKernel(kernel: CompiledKernel, node: { readonly name: string; readonly opType: string }, args: readonly (Tensor | undefined)[]): Tensor[] {
  try {
    return kernel.run(args);
  } catch (error) {
    if (error instanceof KernelError) throw error;
    throw new KernelError(node, reason(error), { cause: error });
  }
}
