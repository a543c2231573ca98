import { KernelError, ModelDisposedError } from '../errors.js';
import { compileFeedCheck } from '../feeds.js';
import type { Graph } from '../graph.js';
import type { Model, ValueInfo } from '../model.js';
import { fuseForCpu } from '../passes/fusion.js';
import { chainGemms } from '../passes/gemm-chain.js';
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

/** Runs one step: its kernel on its inputs' values, its outputs stored and the values it reads last cleared. */
function runStep(step: Step, values: (Tensor | undefined)[]): void {
  const { args, inputs, outputs, frees } = step;
  for (let i = 0; i < inputs.length; i++) {
    const slot = inputs[i];
    args[i] = slot < 0 ? undefined : values[slot];
  }
  let results: Tensor[];
  try {
    results = step.kernel.run(args);
  } catch (error) {
    if (error instanceof KernelError) throw error;
    throw new KernelError(step.node, reason(error), { cause: error });
  }
  for (let i = 0; i < outputs.length; i++) {
    const slot = outputs[i];
    if (slot < 0) continue;
    const value = results[i];
    if (!value) throw new KernelError(step.node, `the kernel returned ${results.length} outputs, the node has ${outputs.length}`);
    values[slot] = value;
  }
  for (let i = 0; i < frees.length; i++) values[frees[i]] = undefined;
  for (let i = 0; i < args.length; i++) args[i] = undefined;
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
  /** The value slot of each graph input, in graph order. */
  private readonly feedSlots: Int32Array;

  /**
   * @param graph - an optimised graph, nodes in topological order (fused and its Gemm chains chained here for the
   *   CPU kernels)
   * @param kernels - the kernel registry, by operator
   * @throws UnsupportedOperatorError listing every node without a kernel; ModelLoadError when a kernel refuses its node
   */
  constructor(graph: Graph, kernels: Readonly<Record<string, KernelFactory>>) {
    this.inputs = graph.inputs;
    this.outputs = graph.outputs;
    this.plan = compilePlan(chainGemms(fuseForCpu(graph)), kernels);
    this.values = [...this.plan.initial];
    this.checkFeeds = compileFeedCheck(this.inputs);
    this.feedSlots = Int32Array.from(this.inputs, (i) => this.plan!.inputSlots.get(i.name)!);
  }

  /**
   * Checks `feeds` (see {@link Model.run}), runs every node and returns the outputs as tensors the user owns: copies,
   * or the tensors a kernel made for this run alone (see `CompiledKernel.ownedOutputs`), never a buffer a later run
   * overwrites.
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
    const { values, inputs, outputs, feedSlots } = this;
    for (let i = 0; i < inputs.length; i++) values[feedSlots[i]] = feeds[inputs[i].name];
    try {
      const steps = plan.steps;
      for (let i = 0; i < steps.length; i++) runStep(steps[i], values);
      const result: Record<string, Tensor> = {};
      for (let i = 0; i < outputs.length; i++) {
        const value = values[plan.outputSlots[i]]!;
        result[outputs[i].name] = plan.copyOutputs[i] ? copyOf(value) : value;
      }
      return result;
    } finally {
      const transient = plan.transient;
      for (let i = 0; i < transient.length; i++) values[transient[i]] = undefined;
    }
  }

  /** Drops the compiled kernels and their buffers. Idempotent; later `run()` calls reject with `ModelDisposedError`. */
  dispose(): void {
    this.plan = undefined;
    this.values = [];
  }
}
