import { requireType } from '../../collaborator/options.js';
import { ModelDisposedError } from '../../runtime/errors.js';
import type { Tensor } from '../../runtime/tensor.js';
import { resolveDevice } from '../../runtime/webgpu/device.js';
import { WebGpuDeviceLostError, WebGpuValidationError } from '../../runtime/webgpu/errors.js';
import { BufferTracker } from '../../runtime/webgpu/resources.js';
import { StagingRing } from '../../runtime/webgpu/staging.js';
import { checkDataset } from '../dataset.js';
import { NonFiniteError } from '../errors.js';
import type { Loss } from '../loss.js';
import type { Mlp } from '../mlp.js';
import type { Optimizer } from '../optimizer.js';
import { checkGpuTrainerOptions, type CheckedGpuTrainerOptions, type GpuTrainerOptions } from './gpu-trainer-options.js';
import { buildTrainPlan, type SharedBuffers, type TrainPlan } from './train-plan.js';
import { initialState, STATE, STATE_WORDS } from './train-state.js';

const OWNER = 'GpuTrainer';
/** Batch sizes whose plans are kept; the least recently used beyond this is freed. */
const MAX_PLANS = 4;
const STATE_BYTES = STATE_WORDS * 4;

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Supervised training of an {@link Mlp} on WebGPU, step for step the computation of {@link Trainer} with
 * {@link adam} (equal within float rounding): forward GEMMs with fused bias and activation, the loss and its
 * gradient, backward GEMMs (weight and bias gradients in one product, input gradients with the activation
 * derivative fused), the global gradient norm, then one fused Adam kernel (clipping, L2 weight decay, moments,
 * update) over the flat parameter buffer. Parameters, gradients and Adam's moments stay on the GPU; each step
 * uploads its batch and reads back only its loss, through a ring of staging buffers.
 *
 * Steps are queued in call order and may overlap: a step is submitted as soon as the previous one is, without
 * waiting for its loss. A step meeting a non-finite loss or gradient rejects with NonFiniteError and changes
 * nothing (the GPU skips its update). The model's parameters are uploaded at creation; training changes only
 * the GPU copy until {@link readParameters}.
 *
 * @example
 * ```ts
 * const trainer = await GpuTrainer.create(mlp, { optimizer: adam({ lr: 1e-3 }), loss: mseLoss, device });
 * const loss = await trainer.step(x, y);
 * await trainer.readParameters(); // mlp.params now holds the trained weights
 * trainer.dispose();
 * ```
 */
export class GpuTrainer {
  /** The model trained (updated by {@link readParameters}). */
  readonly model: Mlp;
  /** Its optimiser (settings read at creation; state written back by {@link readParameters}). */
  readonly optimizer: Optimizer;
  /** The loss minimised. */
  readonly loss: Loss;
  /** The device the kernels run on. */
  readonly device: GPUDevice;
  private readonly settings: CheckedGpuTrainerOptions;
  private readonly ownsDevice: boolean;
  private readonly tracker: BufferTracker;
  private readonly staging: StagingRing;
  private readonly shared: SharedBuffers;
  private readonly plans = new Map<number, Promise<TrainPlan>>();
  private queue: Promise<unknown> = Promise.resolve();
  private lost: WebGpuDeviceLostError | undefined;
  private disposed = false;

  private constructor(model: Mlp, options: GpuTrainerOptions, settings: CheckedGpuTrainerOptions, device: GPUDevice, ownsDevice: boolean) {
    this.model = model;
    this.optimizer = options.optimizer;
    this.loss = options.loss;
    this.settings = settings;
    this.device = device;
    this.ownsDevice = ownsDevice;
    this.tracker = new BufferTracker(device, settings.label);
    this.staging = new StagingRing(this.tracker);
    const state = this.optimizer.state();
    const count = model.parameterCount;
    if (state.slots.length > 0 && state.slots[0].length !== count) {
      throw new RangeError(`${OWNER}: the optimiser serves a model of ${state.slots[0].length} parameters, got ${count}; create one optimiser per model`);
    }
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const upload = (what: string, data: Float32Array | Uint32Array): GPUBuffer => this.tracker.upload(what, data);
    this.shared = {
      params: upload('parameters', model.params),
      grads: this.tracker.create('gradients', 4 * count, usage),
      m: upload('adam m', state.slots[0] ?? new Float32Array(count)),
      v: upload('adam v', state.slots[1] ?? new Float32Array(count)),
      state: upload('state', initialState(state.steps, settings.adam.beta1, settings.adam.beta2)),
    };
    void device.lost.then((info) => this.onLost(info));
  }

  /**
   * A trainer of `model` on the GPU (see {@link resolveDevice} for the device: a WebGPU engine's, `device`, or a
   * new one it owns). Compiles the pipelines for nothing yet: the first step of each batch size builds its plan.
   * @throws TypeError naming a bad option (rejected); RangeError when the optimiser has stepped on another
   *   model; WebGpuUnavailableError when there is no device
   */
  static async create(model: Mlp, options: GpuTrainerOptions): Promise<GpuTrainer> {
    requireType(OWNER, 'model', model, (v) => !!v && typeof (v as Mlp).forward === 'function' && Array.isArray((v as Mlp).layers), 'an Mlp');
    const settings = checkGpuTrainerOptions(OWNER, options);
    const { device, owned } = await resolveDevice(options);
    try {
      return new GpuTrainer(model, options, settings, device, owned);
    } catch (error) {
      if (owned) device.destroy();
      throw error;
    }
  }

  /** Buffers alive on the device (0 after {@link dispose}). */
  get liveBuffers(): number {
    return this.tracker.size;
  }

  /**
   * One step on the batch `x` [n, inputSize], `y` [n, outputSize].
   * @returns the batch loss before the update
   * @throws (rejects with) SpecMismatchError for a wrong shape; NonFiniteError for a non-finite value (nothing
   *   changed); WebGpuValidationError; WebGpuDeviceLostError; ModelDisposedError after {@link dispose}
   */
  step(x: Tensor, y: Tensor): Promise<number> {
    try {
      const rows = checkDataset(`${OWNER}.step`, { x, y }, this.model.inputSize, this.model.outputSize);
      return this.trainBatch(rows.x, rows.y, rows.count);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * {@link step} without checks: `x` holds `rows` packed input rows, `y` their targets (both copied at once, so
   * the caller may reuse them when this returns).
   * @returns the batch loss before the update
   * @throws (rejects with) as {@link step}
   */
  trainBatch(x: Float32Array, y: Float32Array, rows: number): Promise<number> {
    const unusable = this.unusable(`${OWNER}.step`);
    if (unusable) return Promise.reject(unusable);
    const xs = x.slice(0, rows * this.model.inputSize);
    const ys = y.slice(0, rows * this.model.outputSize);
    return this.enqueue(async () => {
      const plan = await this.planFor(rows);
      const { queue } = this.device;
      queue.writeBuffer(plan.x, 0, xs);
      queue.writeBuffer(plan.y, 0, ys);
      const encoder = this.device.createCommandEncoder({ label: `${this.settings.label} step [${rows} rows]` });
      const pass = encoder.beginComputePass({ label: `${this.settings.label} step pass` });
      for (const d of plan.dispatches) {
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.bindGroup);
        pass.dispatchWorkgroups(...d.workgroups);
      }
      pass.end();
      return { reading: this.submitAndRead(encoder, [{ buffer: this.shared.state, bytes: STATE_BYTES }]) };
    }).then(([bytes]) => this.lossOf(new Float32Array(bytes)));
  }

  /**
   * Waits for the steps queued before it, then copies the GPU's parameters into the model
   * ({@link Mlp.setParameters}) and Adam's step count and moments into the optimiser ({@link Optimizer.loadState}).
   * @throws (rejects with) NonFiniteError when a parameter is not finite (the model is left as it was);
   *   WebGpuDeviceLostError; ModelDisposedError after {@link dispose}
   */
  readParameters(): Promise<void> {
    const unusable = this.unusable(`${OWNER}.readParameters`);
    if (unusable) return Promise.reject(unusable);
    const bytes = 4 * this.model.parameterCount;
    const { params, m, v, state } = this.shared;
    return this.enqueue(() => {
      const encoder = this.device.createCommandEncoder({ label: `${this.settings.label} read parameters` });
      const sources = [{ buffer: params, bytes }, { buffer: m, bytes }, { buffer: v, bytes }, { buffer: state, bytes: STATE_BYTES }];
      return Promise.resolve({ reading: this.submitAndRead(encoder, sources) });
    }).then(([p, mi, vi, s]) => {
      this.model.setParameters(new Float32Array(p));
      const steps = new Uint32Array(s)[STATE.steps];
      this.optimizer.loadState({ kind: 'adam', steps, slots: [new Float32Array(mi), new Float32Array(vi)] });
    });
  }

  /**
   * Destroys every buffer the trainer created (and its device, when it owns it). Idempotent; steps in flight and
   * later reject with ModelDisposedError. The model keeps the parameters of the last {@link readParameters}.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.tracker.destroyAll();
    this.plans.clear();
    if (this.ownsDevice) this.device.destroy();
  }

  private unusable(owner: string): Error | undefined {
    if (this.disposed) return new ModelDisposedError(`${owner}: the trainer has been disposed`);
    return this.lost;
  }

  /**
   * Runs `submit` after every earlier submission (not their readback): it submits once its plan is ready and
   * returns its readback, which settles later; the next submission does not wait for it.
   */
  private enqueue<T>(submit: () => Promise<{ reading: Promise<T> }>): Promise<T> {
    let release!: () => void;
    const submitted = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => submitted);
    return previous.then(async () => {
      try {
        const unusable = this.unusable(OWNER);
        if (unusable) throw unusable;
        const { reading } = await submit();
        release();
        return await reading;
      } catch (error) {
        release();
        throw this.translate(error);
      }
    });
  }

  private translate(error: unknown): unknown {
    if (this.disposed) return new ModelDisposedError(`${OWNER}: the trainer was disposed during the step`, { cause: error });
    if (this.lost) return this.lost;
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'OperationError')) {
      return new WebGpuValidationError(`${this.settings.label}: reading results back failed: ${describe(error)}`, { cause: error });
    }
    return error;
  }

  /** Copies `sources` into one staging buffer, submits (inside error scopes) and returns a promise of their bytes. */
  private submitAndRead(encoder: GPUCommandEncoder, sources: readonly { buffer: GPUBuffer; bytes: number }[]): Promise<ArrayBuffer[]> {
    const { device } = this;
    const size = sources.reduce((sum, s) => sum + s.bytes, 0);
    const staging = this.staging.acquire(size);
    let offset = 0;
    for (const { buffer, bytes } of sources) {
      encoder.copyBufferToBuffer(buffer, 0, staging, offset, bytes);
      offset += bytes;
    }
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    device.queue.submit([encoder.finish({ label: `${this.settings.label} commands` })]);
    const scopes = Promise.all([device.popErrorScope(), device.popErrorScope()]);
    return Promise.all([scopes, staging.mapAsync(GPUMapMode.READ, 0, size)]).then(([errors]) => {
      try {
        const found = errors.filter((e): e is GPUError => e !== null);
        if (found.length > 0) throw new WebGpuValidationError(`${this.settings.label}: ${found.map((e) => e.message).join('; ')}`);
        const mapped = staging.getMappedRange(0, size);
        let at = 0;
        return sources.map(({ bytes }) => mapped.slice(at, (at += bytes)));
      } finally {
        staging.unmap();
        this.staging.release(staging);
      }
    });
  }

  /** The loss of a step from its state words, or the NonFiniteError of a skipped step. */
  private lossOf(state: Float32Array): number {
    const loss = state[STATE.loss];
    if (!Number.isFinite(loss)) throw new NonFiniteError(`${OWNER}: the ${this.loss.name} loss is ${loss}; the parameters were not updated`);
    if (new Uint32Array(state.buffer)[STATE.ok] === 0) {
      throw new NonFiniteError(`${OWNER}: a gradient is not finite (norm ${state[STATE.norm]}); the parameters were not updated`);
    }
    return loss;
  }

  private planFor(rows: number): Promise<TrainPlan> {
    let plan = this.plans.get(rows);
    if (plan) {
      this.plans.delete(rows);
      this.plans.set(rows, plan);
      return plan;
    }
    plan = buildTrainPlan({
      device: this.device, tracker: this.tracker, label: this.settings.label, layers: this.model.layers, parameterCount: this.model.parameterCount,
      loss: this.settings.loss, adam: this.settings.adam, shared: this.shared,
    }, rows);
    plan.catch(() => this.plans.delete(rows));
    this.plans.set(rows, plan);
    if (this.plans.size > MAX_PLANS) {
      const [oldest, evicted] = this.plans.entries().next().value as [number, Promise<TrainPlan>];
      this.plans.delete(oldest);
      void evicted.then((p) => p.buffers.forEach((b) => this.tracker.destroy(b)), () => undefined);
    }
    return plan;
  }

  private onLost(info: GPUDeviceLostInfo): void {
    if (this.disposed) return;
    this.lost = new WebGpuDeviceLostError(`${this.settings.label}: the GPU device was lost (${info.reason}: ${info.message}); the model keeps the parameters of the last readParameters()`, info.reason);
    this.tracker.destroyAll();
    this.plans.clear();
  }
}
