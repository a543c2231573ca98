/**
 * The dispatches of one training step for one batch size: forward GEMMs, the loss, backward GEMMs, the gradient
 * norm and Adam, with their uniform blocks in one buffer and their bind groups made once.
 */
import type { GpuKernel } from '../../runtime/webgpu/kernel.js';
import { WebGpuValidationError } from '../../runtime/webgpu/errors.js';
import { UNIFORM_WORDS } from '../../runtime/webgpu/kernel.js';
import { pipelineFor } from '../../runtime/webgpu/pipelines.js';
import type { BufferTracker } from '../../runtime/webgpu/resources.js';
import type { LayerLayout } from '../mlp.js';
import { adamKernel, normKernel, type AdamSettings } from './adam-kernels.js';
import { lossKernel, type GpuLoss } from './loss-kernel.js';
import { trainGemmKernel } from './train-gemm.js';

/** The buffers every batch size shares: parameters, gradients, Adam's moments and the state words. */
export interface SharedBuffers {
  readonly params: GPUBuffer;
  readonly grads: GPUBuffer;
  readonly m: GPUBuffer;
  readonly v: GPUBuffer;
  readonly state: GPUBuffer;
}

/** What a plan is built from. */
export interface PlanContext {
  readonly device: GPUDevice;
  readonly tracker: BufferTracker;
  readonly label: string;
  readonly layers: readonly LayerLayout[];
  readonly parameterCount: number;
  readonly loss: GpuLoss;
  readonly adam: AdamSettings;
  readonly shared: SharedBuffers;
}

/** One recorded dispatch. */
export interface PlannedDispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly workgroups: readonly [number, number, number];
}

/** A step for `rows` rows: where to upload the batch, and what to dispatch. */
export interface TrainPlan {
  readonly rows: number;
  /** The inputs [rows, inputSize]. */
  readonly x: GPUBuffer;
  /** The targets [rows, outputSize]. */
  readonly y: GPUBuffer;
  readonly dispatches: readonly PlannedDispatch[];
  /** The buffers the plan owns (destroyed when it is dropped). */
  readonly buffers: readonly GPUBuffer[];
}

interface Step {
  readonly kernel: GpuKernel;
  /** The buffers bound, in binding order (the uniform block follows). */
  readonly bind: readonly GPUBuffer[];
}

const UNIFORM_BYTES = UNIFORM_WORDS * 4;

/** The kernels of one step, in order, with the buffers each binds. */
function steps(context: PlanContext, rows: number, x: GPUBuffer, y: GPUBuffer, outputs: readonly GPUBuffer[], deltas: readonly GPUBuffer[]): Step[] {
  const { layers, shared, loss, adam, parameterCount } = context;
  const last = layers.length - 1;
  const list: Step[] = [];
  layers.forEach((layer, l) => {
    const { inputs: K, outputs: N, weightOffset, biasOffset, activation } = layer;
    const kernel = trainGemmKernel('forward', activation, { M: rows, N, K, a: [0, K, 1], b: [weightOffset, 1, K], store: [biasOffset] });
    list.push({ kernel, bind: [l === 0 ? x : outputs[l - 1], shared.params, outputs[l]] });
  });
  list.push({ kernel: lossKernel(loss, layers[last].activation, rows * layers[last].outputs), bind: [outputs[last], y, deltas[0], shared.state] });
  for (let l = last, d = 0; l >= 0; l--, d ^= 1) {
    const { inputs, outputs: width, weightOffset, biasOffset } = layers[l];
    const input = l === 0 ? x : outputs[l - 1];
    list.push({
      kernel: trainGemmKernel('weightGrad', 'identity', { M: width, N: inputs + 1, K: rows, a: [0, 1, width], b: [0, inputs, 1], ones: inputs, store: [weightOffset, biasOffset] }),
      bind: [deltas[d], input, shared.grads],
    });
    if (l === 0) break;
    list.push({
      kernel: trainGemmKernel('inputGrad', layers[l - 1].activation, { M: rows, N: inputs, K: width, a: [0, width, 1], b: [weightOffset, inputs, 1], store: [] }),
      bind: [deltas[d], shared.params, outputs[l - 1], deltas[d ^ 1]],
    });
  }
  list.push({ kernel: normKernel(adam, parameterCount), bind: [shared.grads, shared.state] });
  list.push({ kernel: adamKernel(adam, parameterCount), bind: [shared.grads, shared.state, shared.params, shared.m, shared.v] });
  return list;
}

/**
 * Builds the plan of `rows` rows: its buffers (batch, activations, two ping-pong deltas, uniforms), pipelines
 * (compiled once per device) and bind groups.
 * @throws WebGpuValidationError (rejected) when a pipeline does not compile or WebGPU reports an error
 */
export async function buildTrainPlan(context: PlanContext, rows: number): Promise<TrainPlan> {
  const { device, tracker, label, layers } = context;
  device.pushErrorScope('validation');
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  const floats = (what: string, count: number): GPUBuffer => tracker.create(`${what} [${rows} rows]`, 4 * count, usage);
  const x = floats('inputs', rows * layers[0].inputs);
  const y = floats('targets', rows * layers[layers.length - 1].outputs);
  const outputs = layers.map((layer, l) => floats(`layer ${l} output`, rows * layer.outputs));
  const widest = Math.max(...layers.map((layer) => layer.outputs));
  const deltas = [floats('delta A', rows * widest), floats('delta B', rows * widest)];
  const list = steps(context, rows, x, y, outputs, deltas);
  const uniformBuffer = tracker.create(`uniforms [${rows} rows]`, list.length * UNIFORM_BYTES, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const words = new Uint32Array(list.length * UNIFORM_WORDS);
  list.forEach((step, i) => words.set(step.kernel.getRunData().uniforms, i * UNIFORM_WORDS));
  device.queue.writeBuffer(uniformBuffer, 0, words);
  const buffers = [x, y, ...outputs, ...deltas, uniformBuffer];
  const made = device.popErrorScope();
  const pipelines = await Promise.all(list.map((step) => pipelineFor(device, step.kernel)));
  device.pushErrorScope('validation');
  const dispatches = list.map((step, i): PlannedDispatch => {
    const entries: GPUBindGroupEntry[] = step.bind.map((buffer, binding) => ({ binding, resource: { buffer } }));
    entries.push({ binding: step.bind.length, resource: { buffer: uniformBuffer, offset: i * UNIFORM_BYTES, size: UNIFORM_BYTES } });
    const bindGroup = device.createBindGroup({ label: `${label} ${step.kernel.name} [${rows} rows]`, layout: pipelines[i].getBindGroupLayout(0), entries });
    return { pipeline: pipelines[i], bindGroup, workgroups: step.kernel.getRunData().workgroups };
  });
  const bound = device.popErrorScope();
  const errors = (await Promise.all([made, bound])).filter((e): e is GPUError => e !== null);
  if (errors.length > 0) {
    buffers.forEach((b) => tracker.destroy(b));
    throw new WebGpuValidationError(`${label}: planning a batch of ${rows} rows: ${errors.map((e) => e.message).join('; ')}`);
  }
  return { rows, x, y, dispatches, buffers };
}
