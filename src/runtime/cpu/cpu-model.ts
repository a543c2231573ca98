import { KernelError, ModelDisposedError } from '../errors.js';
import { compileFeedCheck } from '../feeds.js';
import type { Graph } from '../graph.js';
import type { Model, ValueInfo } from '../model.js';
import { fuseForCpu } from '../passes/fusion.js';
import { Tensor } from '../tensor.js';
import type { KernelFactory } from './kernel.js';
import { compilePlan } from './plan.js';
import type { Plan, Step } from './plan.js';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A copy the user owns: kernels reuse their output buffers from run to run, and constants must stay intact. */
function copyOf(tensor: Tensor): Tensor {
  return new Tensor(tensor.dtype, tensor.data.slice(), tensor.dims);
}

/**
 * A {@link Model} on the CPU back end: the reference every other back end is compared with. Each node's kernel is
 * compiled once at load; a run fills value slots node by node, reusing the kernels' output buffers, and drops each
 * intermediate after its last reader. Runs are synchronous under the promise, so they never interleave.
 */
export class CpuModel implements Model {
  /** The graph inputs (initialisers excluded), in graph order. */
  readonly inputs: readonly ValueInfo[];
  /** The graph outputs, in graph order. */
  readonly outputs: readonly ValueInfo[];
  /** Always `'cpu'`. */
  readonly backend = 'cpu';
  private plan: Plan | undefined;
  private values: (Tensor | undefined)[];
  private readonly checkFeeds: (feeds: Readonly<Record<string, unknown>>) => void;

  /**
   * @param graph - an optimised graph, nodes in topological order (fused here for the CPU kernels)
   * @param kernels - the kernel registry, by operator
   * @throws UnsupportedOperatorError listing every node without a kernel; ModelLoadError when a kernel refuses its node
   */
  constructor(graph: Graph, kernels: Readonly<Record<string, KernelFactory>>) {
    this.inputs = graph.inputs;
    this.outputs = graph.outputs;
    this.plan = compilePlan(fuseForCpu(graph), kernels);
    this.values = [...this.plan.initial];
    this.checkFeeds = compileFeedCheck(this.inputs);
  }

  /**
   * Checks `feeds` (see {@link Model.run}), runs every node and returns copies of the outputs.
   * Rejects with `InputMismatchError` for wrong feeds, `ModelDisposedError` after `dispose()`, and a `KernelError`
   * naming the node and the op when a kernel fails (for instance on shapes that do not fit together).
   */
  async run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> {
    return this.runSync(feeds);
  }

  /** {@link run} without the promise: for callers that time runs or batch inside one task. */
  runSync(feeds: Record<string, Tensor>): Record<string, Tensor> {
    const plan = this.plan;
    if (!plan) throw new ModelDisposedError('Model.run: the cpu model has been disposed');
    this.checkFeeds(feeds);
    const values = this.values;
    for (const [name, slot] of plan.inputSlots) values[slot] = feeds[name];
    try {
      const steps = plan.steps;
      for (let i = 0; i < steps.length; i++) this.runStep(steps[i], values);
      const result: Record<string, Tensor> = {};
      for (let i = 0; i < this.outputs.length; i++) result[this.outputs[i].name] = copyOf(values[plan.outputSlots[i]]!);
      return result;
    } finally {
      for (let i = 0; i < values.length; i++) values[i] = plan.initial[i];
    }
  }

  private runStep(step: Step, values: (Tensor | undefined)[]): void {
    const { args, inputs, outputs, frees } = step;
    for (let i = 0; i < inputs.length; i++) args[i] = inputs[i] < 0 ? undefined : values[inputs[i]];
    let results: Tensor[];
    try {
      results = step.kernel.run(args);
    } catch (error) {
      if (error instanceof KernelError) throw error;
      throw new KernelError(step.node, reason(error), { cause: error });
    }
    for (let i = 0; i < outputs.length; i++) {
      if (outputs[i] < 0) continue;
      const value = results[i];
      if (!value) throw new KernelError(step.node, `the kernel returned ${results.length} outputs, the node has ${outputs.length}`);
      values[outputs[i]] = value;
    }
    for (let i = 0; i < frees.length; i++) values[frees[i]] = undefined;
    args.fill(undefined);
  }

  /** Drops the compiled kernels and their buffers. Idempotent; later `run()` calls reject with `ModelDisposedError`. */
  dispose(): void {
    this.plan = undefined;
    this.values = [];
  }
}
