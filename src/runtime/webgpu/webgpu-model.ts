import type { CompiledKernel } from '../cpu/kernel.js';
import { CpuModel } from '../cpu/cpu-model.js';
import { cpuKernels } from '../cpu/ops/index.js';
import { InputMismatchError, ModelDisposedError } from '../errors.js';
import { compileFeedCheck } from '../feeds.js';
import type { Graph } from '../graph.js';
import type { BackendName, Model, ValueInfo } from '../model.js';
import { Tensor } from '../tensor.js';
import { WebGpuDeviceLostError, WebGpuValidationError } from './errors.js';
import { fuseGraph } from './fusion.js';
import type { FusedGraph, FusedNode } from './fusion.js';
import type { GpuOp, ValueMeta } from './kernel.js';
import { gpuOps } from './ops/index.js';
import { compileMlp } from './ops/mlp.js';
import { buildPlan } from './plan.js';
import type { HostStep, SignaturePlan } from './plan.js';
import { runKernel, ShapeProbe } from './probe.js';
import { BufferTracker } from './resources.js';
import { StagingRing } from './staging.js';
import { checkGpuFeeds, probeFeeds, signatureOf } from './gpu-feeds.js';
import type { GpuFeeds } from './gpu-feeds.js';
import { GpuTensor } from './gpu-tensor.js';
import { fromGpuData, gpuBytes, toGpuData } from './transfer.js';

/** Run signatures (feed shapes) whose plans are kept; the least recently used beyond this is freed. */
const MAX_PLANS = 4;

/** Counters of a {@link WebGpuModel}. */
export interface WebGpuModelStats {
  /** Runs completed on the GPU. */
  readonly runs: number;
  /** Mid-run downloads for CPU steps (LSTM, Multinomial, ...): each is a GPU-CPU round trip. */
  readonly hostTransfers: number;
  /** Run signatures planned (each costs one CPU run of the graph to find its shapes). */
  readonly plans: number;
  /** Runs answered by the CPU back end while their signature's pipelines compiled (see `cpuWhileCompiling`). */
  readonly cpuRuns: number;
  /** Buffers alive on the device. */
  readonly liveBuffers: number;
}

/** Options of {@link WebGpuModel}. */
export interface WebGpuModelOptions {
  /** The prefix of every GPU object's label. @default 'babylon-collaborator model' */
  readonly label?: string;
  /** Whether the model owns (and destroys on dispose) its device. @default false */
  readonly ownsDevice?: boolean;
  /**
   * Whether a run whose signature (feed dims) is not compiled yet is answered at once by the CPU back end (same
   * graph and weights) while the pipelines compile in the background; false makes it wait for the compilation.
   * Shader compilation takes from a few to thousands of milliseconds (software adapters are the slowest), so the
   * default gives the first results as fast as the CPU can, at the price of that CPU run on the calling thread.
   * @default true
   */
  readonly cpuWhileCompiling?: boolean;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A {@link Model} on WGSL kernels. Shapes go in uniforms; each run signature (the feeds' dims) is planned once:
 * its shapes found by one CPU run, its buffers, uniforms, pipelines and bind groups made, so a run only uploads
 * the feeds, records every dispatch into one command encoder and reads the outputs back through a ring of staging
 * buffers. Tensors stay on the GPU between ops; nodes without a GPU kernel (LSTM, RandomNormalLike, Multinomial)
 * run on the CPU in between, their device inputs downloaded (counted in {@link stats}).
 *
 * `run()` never blocks: it resolves once the GPU has finished and the results are mapped, which may be a frame
 * or more after the call. Runs are ordered; a run's submission waits for the previous run's, not its readback.
 * WebGPU validation errors reject the run with `WebGpuValidationError`. When the device is lost, runs in flight
 * reject with `WebGpuDeviceLostError` and later runs go to the CPU back end with the same graph and weights.
 */
export class WebGpuModel implements Model {
  /** The graph inputs (initialisers excluded), in graph order. */
  readonly inputs: readonly ValueInfo[];
  /** The graph outputs, in graph order. */
  readonly outputs: readonly ValueInfo[];
  /** The device the kernels run on. */
  readonly device: GPUDevice;
  private readonly graph: Graph;
  private readonly fused: FusedGraph;
  private readonly ops = new Map<FusedNode, GpuOp | undefined>();
  private readonly probe: ShapeProbe;
  private readonly tracker: BufferTracker;
  private readonly staging: StagingRing;
  private readonly label: string;
  private readonly ownsDevice: boolean;
  private readonly constantBuffers = new Map<Tensor, GPUBuffer>();
  private readonly kernels = new Map<FusedNode, readonly CompiledKernel[]>();
  private readonly plans = new Map<string, Promise<SignaturePlan>>();
  /** Signatures whose plan is built: their runs go to the GPU. */
  private readonly compiled = new Set<string>();
  /** Signatures whose plan failed, with the error the next run of that signature rejects with. */
  private readonly planErrors = new Map<string, unknown>();
  private readonly cpuWhileCompiling: boolean;
  private readonly checkFeeds: (feeds: Readonly<Record<string, unknown>>) => void;
  private readonly inFlight = new Set<(error: Error) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private lost: WebGpuDeviceLostError | undefined;
  private fallback: CpuModel | undefined;
  private disposed = false;
  private counters = { runs: 0, hostTransfers: 0, plans: 0, cpuRuns: 0 };

  /**
   * Compiles the graph for `device`: fuses activations and folds BatchNormalization, compiles each node's GPU op
   * (validating attributes, packing weights). Pipelines are compiled by {@link warmUp} or the first run.
   * @param graph - an optimised graph, nodes in topological order
   * @param device - the device (shared with a Babylon WebGPUEngine, or any other)
   * @throws UnsupportedOperatorError listing every node no kernel implements (GPU or CPU); ModelLoadError when a kernel refuses its node
   */
  constructor(graph: Graph, device: GPUDevice, options: WebGpuModelOptions = {}) {
    this.graph = graph;
    this.inputs = graph.inputs;
    this.outputs = graph.outputs;
    this.device = device;
    this.label = options.label ?? 'babylon-collaborator model';
    this.ownsDevice = options.ownsDevice ?? false;
    this.cpuWhileCompiling = options.cpuWhileCompiling ?? true;
    this.checkFeeds = compileFeedCheck(graph.inputs);
    this.probe = new ShapeProbe(graph);
    this.fused = fuseGraph(graph);
    for (const fused of this.fused.nodes) {
      if (fused.mlp) {
        this.ops.set(fused, compileMlp(fused.node, fused.mlp));
        continue;
      }
      const factory = fused.node.domain === '' ? gpuOps[fused.node.opType] : undefined;
      this.ops.set(fused, factory?.({
        node: fused.node,
        opset: graph.opset,
        constantInput: (i) => this.fused.constants.get(fused.node.inputs[i] ?? ''),
        activation: fused.activation,
      }));
    }
    this.tracker = new BufferTracker(device, this.label);
    this.staging = new StagingRing(this.tracker);
    void device.lost.then((info) => this.onLost(info));
  }

  /** `'webgpu'`, or `'cpu'` once the device was lost and the model fell back. */
  get backend(): BackendName {
    return this.lost ? 'cpu' : 'webgpu';
  }

  /** Counters: runs, CPU round trips, plans and live buffers. */
  get stats(): WebGpuModelStats {
    return { ...this.counters, liveBuffers: this.tracker.size };
  }

  /**
   * Plans the signature of `feeds` and runs it once on the GPU, so that pipelines are compiled and the first real
   * run of that signature pays no compilation.
   * @throws as {@link run}
   */
  async warmUp(feeds: Record<string, Tensor>): Promise<void> {
    this.checkFeeds(feeds);
    await this.planFor(feeds, signatureOf(this.inputs, feeds));
    await this.run(feeds);
  }

  /** Whether runs of the signature of `feeds` go to the GPU now (its plan is built). */
  isCompiled(feeds: GpuFeeds): boolean {
    return this.compiled.has(signatureOf(this.inputs, feeds));
  }

  /**
   * Runs the model (see the class notes). Feeds may be {@link GpuTensor}s on this model's device (float32 inputs
   * read by GPU kernels): they are copied on the GPU, and such a run always waits for its compilation. Rejects
   * with `InputMismatchError` for wrong feeds, `KernelError` when shapes do not fit, `WebGpuValidationError`,
   * `WebGpuDeviceLostError` for runs in flight when the device is lost (and for GPU feeds after it), and
   * `ModelDisposedError` after `dispose()`.
   */
  run(feeds: GpuFeeds): Promise<Record<string, Tensor>> {
    return this.start(feeds, false) as Promise<Record<string, Tensor>>;
  }

  /**
   * Runs the model as {@link run} does but keeps the outputs on the GPU: each is a new {@link GpuTensor} you own
   * (dispose it), ready to feed a next model on the device with no readback. Resolves once the work is submitted,
   * before the GPU has run it (WebGPU orders later work after it). Always waits for the signature's compilation.
   * @throws as {@link run}
   */
  runOnGpu(feeds: GpuFeeds): Promise<Record<string, GpuTensor>> {
    return this.start(feeds, true) as Promise<Record<string, GpuTensor>>;
  }

  private start(feeds: GpuFeeds, keep: boolean): Promise<Record<string, Tensor | GpuTensor>> {
    if (this.disposed) return Promise.reject(new ModelDisposedError('Model.run: the webgpu model has been disposed'));
    let onDevice: boolean;
    let key: string;
    try {
      onDevice = checkGpuFeeds(this.checkFeeds, this.device, feeds);
      if (this.lost) {
        if (onDevice || keep) throw this.lost;
        return this.cpu().run(feeds as Record<string, Tensor>);
      }
      key = signatureOf(this.inputs, feeds);
      if (!onDevice && !keep && this.cpuWhileCompiling && !this.compiled.has(key)) return this.runWhileCompiling(feeds as Record<string, Tensor>, key);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<Record<string, Tensor | GpuTensor>>((resolve, reject) => {
      this.inFlight.add(reject);
      const settle = <T>(f: (v: T) => void) => (v: T): void => {
        this.inFlight.delete(reject);
        f(v);
      };
      let submitted!: () => void;
      const turn = new Promise<void>((r) => (submitted = r));
      const previous = this.queue;
      this.queue = previous.then(() => turn);
      previous.then(() => this.execute(feeds, key, onDevice, submitted, keep)).then(settle(resolve), (error: unknown) => {
        submitted();
        settle(reject)(this.translate(error));
      });
    });
  }

  /**
   * A run of a signature not compiled yet: starts its plan in the background and answers on the CPU, or rejects
   * with the error its last plan failed with (the next run plans again).
   */
  private runWhileCompiling(feeds: Record<string, Tensor>, key: string): Promise<Record<string, Tensor>> {
    const failed = this.planErrors.get(key);
    if (failed !== undefined) {
      this.planErrors.delete(key);
      return Promise.reject(failed);
    }
    this.planFor(feeds, key).catch(() => undefined);
    this.counters.cpuRuns++;
    return this.cpu().run(feeds);
  }

  /** The CPU model of device losses and of runs while compiling (built once, from the same graph and weights). */
  private cpu(): CpuModel {
    return (this.fallback ??= new CpuModel(this.graph, cpuKernels));
  }

  private translate(error: unknown): unknown {
    if (this.disposed) return new ModelDisposedError('Model.run: the webgpu model was disposed during the run', { cause: error });
    if (this.lost) return this.lost;
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'OperationError')) {
      return new WebGpuValidationError(`${this.label}: reading results back failed: ${describe(error)}`, { cause: error });
    }
    return error;
  }

  /** The plan of signature `key` (that of `feeds`), built (a CPU probe run, on zeros for GPU feeds) when new. */
  private planFor(feeds: GpuFeeds, key: string): Promise<SignaturePlan> {
    let plan = this.plans.get(key);
    if (plan) {
      this.plans.delete(key);
      this.plans.set(key, plan);
      return plan;
    }
    const shapes = this.probe.probe(probeFeeds(feeds));
    this.device.pushErrorScope('validation');
    plan = buildPlan({
      device: this.device, label: this.label, tracker: this.tracker, nodes: this.fused.nodes, ops: this.ops, constants: this.fused.constants,
      graphInputs: this.inputs, graphOutputs: this.outputs,
      constantBuffer: (tensor, what) => this.constantBuffer(tensor, what),
      hostKernels: (node) => this.hostKernels(node),
    }, shapes);
    const scope = this.device.popErrorScope();
    plan = Promise.all([plan, scope]).then(([built, error]) => {
      if (error) throw new WebGpuValidationError(`${this.label}: planning feeds of dims ${key}: ${error.message}`);
      return built;
    });
    plan.then(() => {
      if (this.plans.get(key) === plan) this.compiled.add(key);
    }, (error: unknown) => {
      this.plans.delete(key);
      if (this.cpuWhileCompiling && !this.disposed && !this.lost) this.planErrors.set(key, error);
    });
    this.plans.set(key, plan);
    this.counters.plans++;
    if (this.plans.size > MAX_PLANS) {
      const [oldest, evicted] = this.plans.entries().next().value as [string, Promise<SignaturePlan>];
      this.plans.delete(oldest);
      this.compiled.delete(oldest);
      void evicted.then((p) => this.queue.then(() => p.buffers.forEach((b) => this.tracker.destroy(b))), () => undefined);
    }
    return plan;
  }

  private constantBuffer(tensor: Tensor, what: string): GPUBuffer {
    let buffer = this.constantBuffers.get(tensor);
    if (!buffer) this.constantBuffers.set(tensor, (buffer = this.tracker.upload(what, toGpuData(tensor))));
    return buffer;
  }

  private hostKernels(node: FusedNode): readonly CompiledKernel[] {
    let kernels = this.kernels.get(node);
    if (!kernels) {
      kernels = node.parts.map((part) => cpuKernels[part.opType]({ node: part, opset: this.graph.opset, constantInput: (i) => this.fused.constants.get(part.inputs[i] ?? '') }));
      this.kernels.set(node, kernels);
    }
    return kernels;
  }

  /** One run: upload feeds, record segments (split where a CPU step needs device values), read back or keep. */
  private async execute(feeds: GpuFeeds, key: string, onDevice: boolean, submitted: () => void, keep: boolean): Promise<Record<string, Tensor | GpuTensor>> {
    const plan = await this.planFor(feeds, key);
    const { device } = this;
    const scopes: Promise<GPUError | null>[] = [];
    const host = new Map<string, Tensor>();
    for (const [name, feed] of Object.entries(feeds)) if (feed instanceof Tensor) host.set(name, feed);
    for (const [name, value] of plan.hostValues) host.set(name, value);
    for (const step of onDevice ? plan.steps : []) {
      const read = step.kind === 'host' ? step.inputs.find((i) => i.source === 'host' && feeds[i.name] instanceof GpuTensor) : undefined;
      if (read) throw new InputMismatchError(`input '${read.name}': a GpuTensor cannot feed node '${(step as HostStep).node.node.name}', which runs on the CPU`);
    }
    let encoder = this.beginSegment();
    for (const { name, buffer } of plan.feeds) {
      const feed = feeds[name];
      if (feed instanceof GpuTensor) {
        if (feed.size > 0) encoder.copyBufferToBuffer(feed.buffer, 0, buffer, 0, gpuBytes(feed));
        continue;
      }
      const data = toGpuData(feed);
      if (data.byteLength > 0) device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    }
    let pass = encoder.beginComputePass({ label: `${this.label} compute pass` });
    for (const step of plan.steps) {
      if (step.kind === 'dispatch') {
        pass.setPipeline(step.pipeline);
        pass.setBindGroup(0, step.bindGroup);
        pass.dispatchWorkgroups(...step.workgroups);
        continue;
      }
      const downloads = step.inputs.filter((i) => i.source === 'device');
      if (downloads.length > 0) {
        pass.end();
        const fetched = await this.readBack(encoder, downloads.map((d) => ({ buffer: d.buffer!, meta: d.meta })), scopes);
        downloads.forEach((d, i) => host.set(d.name, fetched[i]));
        this.counters.hostTransfers++;
        encoder = this.beginSegment();
        pass = encoder.beginComputePass({ label: `${this.label} compute pass` });
      }
      this.runHostStep(step, host);
    }
    pass.end();
    if (keep) return this.keepOutputs(plan, host, encoder, scopes, submitted);
    const deviceOutputs = plan.outputs.flatMap((o) => ('buffer' in o ? [{ buffer: o.buffer, meta: o.meta }] : []));
    const reading = this.readBack(encoder, deviceOutputs, scopes);
    submitted();
    const fetched = await reading;
    const errors = (await Promise.all(scopes)).filter((e): e is GPUError => e !== null);
    if (errors.length > 0) throw new WebGpuValidationError(`${this.label}: ${errors.map((e) => e.message).join('; ')}`);
    let next = 0;
    const result: Record<string, Tensor> = {};
    for (const output of plan.outputs) {
      if ('buffer' in output) result[output.name] = fetched[next++];
      else {
        const value = this.hostOutput(output.name, host);
        result[output.name] = new Tensor(value.dtype, value.data.slice() as Tensor['data'], value.dims);
      }
    }
    this.counters.runs++;
    return result;
  }

  private hostOutput(name: string, host: ReadonlyMap<string, Tensor>): Tensor {
    return host.get(name) ?? this.fused.constants.get(name)!;
  }

  /** Copies every output into a new buffer the caller owns (host outputs uploaded), submits, checks the scopes. */
  private async keepOutputs(plan: SignaturePlan, host: ReadonlyMap<string, Tensor>, encoder: GPUCommandEncoder,
    scopes: Promise<GPUError | null>[], submitted: () => void): Promise<Record<string, GpuTensor>> {
    const result: Record<string, GpuTensor> = {};
    for (const output of plan.outputs) {
      const bytes = gpuBytes(output.meta);
      const buffer = this.device.createBuffer({
        label: `${this.label} output '${output.name}'`, size: Math.max(16, Math.ceil(bytes / 16) * 16),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
      result[output.name] = new GpuTensor(this.device, buffer, output.meta.dtype, output.meta.dims, true);
      if (bytes === 0) continue;
      if ('buffer' in output) encoder.copyBufferToBuffer(output.buffer, 0, buffer, 0, bytes);
      else {
        const data = toGpuData(this.hostOutput(output.name, host));
        this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      }
    }
    this.submit(encoder, scopes);
    submitted();
    const errors = (await Promise.all(scopes)).filter((e): e is GPUError => e !== null);
    if (errors.length > 0) {
      Object.values(result).forEach((t) => t.dispose());
      throw new WebGpuValidationError(`${this.label}: ${errors.map((e) => e.message).join('; ')}`);
    }
    this.counters.runs++;
    return result;
  }

  /** Submits `encoder` inside out-of-memory and validation error scopes, whose results go to `scopes`. */
  private submit(encoder: GPUCommandEncoder, scopes: Promise<GPUError | null>[]): void {
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
    this.device.queue.submit([encoder.finish({ label: `${this.label} commands` })]);
    scopes.push(this.device.popErrorScope(), this.device.popErrorScope());
  }

  private beginSegment(): GPUCommandEncoder {
    return this.device.createCommandEncoder({ label: `${this.label} run` });
  }

  /** Copies `values` into a staging buffer, submits `encoder` (inside error scopes), maps and converts. */
  private async readBack(encoder: GPUCommandEncoder, values: readonly { buffer: GPUBuffer; meta: ValueMeta }[],
    scopes: Promise<GPUError | null>[]): Promise<Tensor[]> {
    const offsets: number[] = [];
    let size = 0;
    for (const v of values) {
      offsets.push(size);
      size += gpuBytes(v.meta);
    }
    const staging = size > 0 ? this.staging.acquire(size) : undefined;
    values.forEach((v, i) => {
      const bytes = gpuBytes(v.meta);
      if (bytes > 0) encoder.copyBufferToBuffer(v.buffer, 0, staging!, offsets[i], bytes);
    });
    this.submit(encoder, scopes);
    if (!staging) return values.map((v) => fromGpuData(new ArrayBuffer(0), 0, v.meta));
    await staging.mapAsync(GPUMapMode.READ, 0, size);
    try {
      const bytes = staging.getMappedRange(0, size);
      return values.map((v, i) => fromGpuData(bytes, offsets[i], v.meta));
    } finally {
      staging.unmap();
      this.staging.release(staging);
    }
  }

  private runHostStep(step: HostStep, host: Map<string, Tensor>): void {
    const local = new Map<string, Tensor>();
    const valueOf = (name: string): Tensor | undefined => local.get(name) ?? host.get(name) ?? this.fused.constants.get(name);
    step.node.parts.forEach((part, p) => {
      const args = part.inputs.map((name, i) => {
        if (!name) return undefined;
        const input = p === 0 ? step.inputs[i] : undefined;
        if (input?.source === 'shape') return Tensor.zeros(input.meta.dtype, input.meta.dims);
        return valueOf(name);
      });
      const results = runKernel(step.kernels[p], part, args);
      part.outputs.forEach((name, j) => {
        if (name) local.set(name, new Tensor(results[j].dtype, results[j].data.slice() as Tensor['data'], results[j].dims));
      });
    });
    for (const name of step.node.node.outputs) if (name) host.set(name, local.get(name)!);
    for (const { name, buffer } of step.uploads) {
      const data = toGpuData(host.get(name)!);
      if (data.byteLength > 0) this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    }
  }

  private onLost(info: GPUDeviceLostInfo): void {
    if (this.disposed) return;
    this.lost = new WebGpuDeviceLostError(`${this.label}: the GPU device was lost (${info.reason}: ${info.message}); later runs use the CPU back end`, info.reason);
    for (const reject of this.inFlight) reject(this.lost);
    this.inFlight.clear();
    this.tracker.destroyAll();
    this.plans.clear();
    this.compiled.clear();
  }

  /**
   * Destroys every buffer the model created (and its device, when it owns it). Idempotent; runs in flight and
   * later reject with `ModelDisposedError`.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const error = new ModelDisposedError('Model.run: the webgpu model was disposed during the run');
    for (const reject of this.inFlight) reject(error);
    this.inFlight.clear();
    this.tracker.destroyAll();
    this.plans.clear();
    this.compiled.clear();
    this.constantBuffers.clear();
    this.fallback?.dispose();
    if (this.ownsDevice) this.device.destroy();
  }
}
