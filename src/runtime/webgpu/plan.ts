import type { CompiledKernel } from '../cpu/kernel.js';
import type { ValueInfo } from '../model.js';
import type { Tensor } from '../tensor.js';
import type { FusedNode } from './fusion.js';
import type { Binding, GpuOp, PlanContext, ValueMeta } from './kernel.js';
import { UNIFORM_WORDS } from './kernel.js';
import { WebGpuValidationError } from './errors.js';
import { pipelineFor } from './pipelines.js';
import type { SignatureShapes } from './probe.js';
import type { BufferTracker } from './resources.js';
import { gpuBytes, toGpuData } from './transfer.js';

/** Inputs the CPU ops read for their shape and dtype only: they are never downloaded. */
const SHAPE_ONLY_INPUTS: Readonly<Record<string, readonly number[]>> = { RandomNormalLike: [0] };

/** One recorded dispatch. */
export interface DispatchStep {
  readonly kind: 'dispatch';
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly workgroups: readonly [number, number, number];
}

/** Where a CPU step finds an input at run time. */
export interface HostInput {
  readonly name: string;
  readonly meta: ValueMeta;
  /** 'host': known on the host (feed, constant, shape value, earlier CPU step); 'device': downloaded; 'shape': a stand-in of its dims. */
  readonly source: 'host' | 'device' | 'shape';
  readonly buffer?: GPUBuffer;
}

/** A node run on the CPU inside the GPU model (LSTM, the random ops, or what a signature keeps off the GPU). */
export interface HostStep {
  readonly kind: 'host';
  readonly node: FusedNode;
  readonly kernels: readonly CompiledKernel[];
  readonly inputs: readonly HostInput[];
  /** Outputs read by later dispatches: uploaded after the step. */
  readonly uploads: { name: string; buffer: GPUBuffer }[];
}

/** Where a graph output comes from. */
export type OutputSource = { readonly name: string; readonly meta: ValueMeta } & ({ readonly host: true } | { readonly buffer: GPUBuffer });

/** Everything a run signature needs, built once: buffers, bind groups, uniforms, and the steps in order. */
export interface SignaturePlan {
  readonly steps: readonly (DispatchStep | HostStep)[];
  /** Feeds uploaded at the start of each run. */
  readonly feeds: readonly { name: string; buffer: GPUBuffer }[];
  readonly outputs: readonly OutputSource[];
  /** Values known on the host for this signature (shape computations). */
  readonly hostValues: ReadonlyMap<string, Tensor>;
  /** Buffers owned by this plan (destroyed when it is evicted). */
  readonly buffers: readonly GPUBuffer[];
}

/** What the plan builder needs from the model. */
export interface PlanInputs {
  readonly device: GPUDevice;
  readonly label: string;
  readonly tracker: BufferTracker;
  readonly nodes: readonly FusedNode[];
  readonly ops: ReadonlyMap<FusedNode, GpuOp | undefined>;
  readonly constants: ReadonlyMap<string, Tensor>;
  readonly graphInputs: readonly ValueInfo[];
  readonly graphOutputs: readonly ValueInfo[];
  /** The GPU buffer of a constant or packed tensor (uploaded once per model). */
  constantBuffer(tensor: Tensor, what: string): GPUBuffer;
  /** The CPU kernels of a fused node's parts (compiled once per model). */
  hostKernels(node: FusedNode): readonly CompiledKernel[];
}

function metaOf(tensor: Tensor): ValueMeta {
  return { dtype: tensor.dtype, dims: tensor.dims };
}

/**
 * Builds the plan of one run signature: plans every node on the GPU (or the CPU when its op declines),
 * allocates one buffer per device value (views share their source's), compiles the pipelines (async, cached per
 * device), writes all uniforms into one buffer and creates the bind groups.
 */
export async function buildPlan(inputs: PlanInputs, shapes: SignatureShapes): Promise<SignaturePlan> {
  const { device, tracker, constants } = inputs;
  const owned: GPUBuffer[] = [];
  const buffers = new Map<string, GPUBuffer>();
  const hostProduced = new Set<string>();
  const feedNames = new Set(inputs.graphInputs.map((i) => i.name));
  const feeds: { name: string; buffer: GPUBuffer }[] = [];
  const meta = (name: string): ValueMeta => {
    const constant = constants.get(name) ?? shapes.hostValues.get(name);
    const found = constant ? metaOf(constant) : shapes.metas.get(name);
    if (!found) throw new Error(`no shape for value '${name}'`);
    return found;
  };
  const newBuffer = (name: string): GPUBuffer => {
    const buffer = tracker.create(`value '${name}'`, gpuBytes(meta(name)), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    owned.push(buffer);
    buffers.set(name, buffer);
    return buffer;
  };
  const bufferOf = (binding: Binding): GPUBuffer => {
    if ('packed' in binding) return inputs.constantBuffer(binding.packed, 'packed weights');
    const name = binding.value;
    const existing = buffers.get(name);
    if (existing) return existing;
    const constant = constants.get(name);
    if (constant) return inputs.constantBuffer(constant, `constant '${name}'`);
    const known = shapes.hostValues.get(name);
    if (known) {
      const buffer = tracker.upload(`shape value '${name}'`, toGpuData(known));
      owned.push(buffer);
      buffers.set(name, buffer);
      return buffer;
    }
    const buffer = newBuffer(name);
    if (feedNames.has(name)) feeds.push({ name, buffer });
    return buffer;
  };
  const isHost = (name: string): boolean => constants.has(name) || shapes.hostValues.has(name) || feedNames.has(name) || hostProduced.has(name);

  const pending: { kernelName: string; pipeline: Promise<GPUComputePipeline>; entries: GPUBuffer[]; workgroups: readonly [number, number, number]; uniforms: readonly number[] }[] = [];
  const steps: (DispatchStep | HostStep | number)[] = [];
  const hostSteps: HostStep[] = [];
  for (const fused of inputs.nodes) {
    const { node } = fused;
    if (node.outputs.every((o) => o === '' || shapes.hostValues.has(o))) continue;
    const context: PlanContext = {
      input: (i) => (node.inputs[i] ? meta(node.inputs[i]) : undefined),
      output: (i) => meta(node.outputs[i]),
      hostValue: (i) => (node.inputs[i] ? constants.get(node.inputs[i]) ?? shapes.hostValues.get(node.inputs[i]) : undefined),
    };
    const planned = inputs.ops.get(fused)?.plan(context);
    if (planned && 'alias' in planned) {
      buffers.set(node.outputs[0], bufferOf({ value: node.inputs[planned.alias] }));
    } else if (planned) {
      for (const dispatch of planned.dispatches) {
        const entries = [...dispatch.reads.map(bufferOf), ...dispatch.writes.map(bufferOf)];
        const runData = dispatch.kernel.getRunData();
        steps.push(pending.length);
        pending.push({ kernelName: dispatch.kernel.name, pipeline: pipelineFor(device, dispatch.kernel), entries, workgroups: runData.workgroups, uniforms: runData.uniforms });
      }
    } else {
      const shapeOnly = SHAPE_ONLY_INPUTS[node.opType] ?? [];
      const hostInputs: HostInput[] = fused.parts[0].inputs.map((name, i) => {
        if (!name) return { name, meta: { dtype: 'float32', dims: [] }, source: 'host' };
        if (shapeOnly.includes(i)) return { name, meta: meta(name), source: 'shape' };
        if (isHost(name)) return { name, meta: meta(name), source: 'host' };
        return { name, meta: meta(name), source: 'device', buffer: bufferOf({ value: name }) };
      });
      for (const part of fused.parts) for (const output of part.outputs) if (output) hostProduced.add(output);
      const step: HostStep = { kind: 'host', node: fused, kernels: inputs.hostKernels(fused), inputs: hostInputs, uploads: [] };
      hostSteps.push(step);
      steps.push(step);
    }
  }
  // Host outputs that later dispatches read get buffers (made by bufferOf above): upload them after their step.
  for (const step of hostSteps) {
    for (const output of step.node.node.outputs) {
      const buffer = output ? buffers.get(output) : undefined;
      if (buffer) step.uploads.push({ name: output, buffer });
    }
  }
  const outputs: OutputSource[] = inputs.graphOutputs.map(({ name }) => (isHost(name) && !buffers.has(name)
    ? { name, meta: meta(name), host: true as const }
    : { name, meta: meta(name), buffer: bufferOf({ value: name }) }));

  const uniformBuffer = tracker.create('uniforms', Math.max(1, pending.length) * UNIFORM_WORDS * 4, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  owned.push(uniformBuffer);
  const words = new Uint32Array(pending.length * UNIFORM_WORDS);
  pending.forEach((p, i) => words.set(p.uniforms, i * UNIFORM_WORDS));
  if (words.length > 0) device.queue.writeBuffer(uniformBuffer, 0, words);
  const pipelines = await Promise.all(pending.map((p) => p.pipeline));
  device.pushErrorScope('validation');
  const dispatches: DispatchStep[] = pending.map((p, i) => ({
    kind: 'dispatch',
    pipeline: pipelines[i],
    workgroups: p.workgroups,
    bindGroup: device.createBindGroup({
      label: `${inputs.label} ${p.kernelName} #${i}`,
      layout: pipelines[i].getBindGroupLayout(0),
      entries: [...p.entries.map((buffer, binding) => ({ binding, resource: { buffer } })),
        { binding: p.entries.length, resource: { buffer: uniformBuffer, offset: i * UNIFORM_WORDS * 4, size: UNIFORM_WORDS * 4 } }],
    }),
  }));
  const error = await device.popErrorScope();
  if (error) throw new WebGpuValidationError(`${inputs.label}: creating bind groups: ${error.message}`);
  return {
    steps: steps.map((s) => (typeof s === 'number' ? dispatches[s] : s)),
    feeds,
    outputs,
    hostValues: shapes.hostValues,
    buffers: owned,
  };
}
