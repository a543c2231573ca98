/**
 * The WebGPU back end in Node (Dawn from the `webgpu` package on SwiftShader, the software Vulkan this machine
 * has), against our CPU back end in the same run: `policy-mlp/b1/webgpu-node`, `policy-mlp/b1000/webgpu-node`
 * (MLP 64-128-16 with ReLU), `blazeface128/webgpu-node` and `first-run/webgpu-node` (load to first result, on a
 * fresh device so no pipeline is cached). SwiftShader runs shaders on the CPU cores: these figures measure the
 * back end's overheads, not a GPU. The `…/webgpu-chromium` workloads against onnxruntime-web's WebGPU EP need
 * the browser harness and are not measured here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadModel } from '../../src/runtime/load-model.js';
import type { Model } from '../../src/runtime/model.js';
import { buildModel } from '../../src/runtime/onnx/build.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { createWebGpuModel } from '../../src/runtime/webgpu/create-webgpu-model.js';
import { measureAlternating } from '../harness.js';
import type { BenchResult, BenchWorkload } from '../harness.js';

const PEER = 'babylon-collaborator-cpu';
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** Dawn instances stay referenced: collecting one tears its devices down. */
const instances: GPU[] = [];

async function newDevice(): Promise<GPUDevice> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(ICD)) process.env.VK_ICD_FILENAMES = ICD;
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  instances.push(gpu);
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('bench webgpu: no WebGPU adapter (is Chromium\'s SwiftShader installed?)');
  return adapter.requestDevice({ label: 'bench device' });
}

function randomTensor(dims: number[], seed: number, scale = 1): Tensor<'float32'> {
  let state = seed >>> 0;
  const t = Tensor.zeros('float32', dims);
  for (let i = 0; i < t.size; i++) t.data[i] = ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32 * 2 - 1) * scale;
  return t;
}

/** The MLP of the `policy-mlp` workloads (same weights as bench/workloads/policy.ts). */
function mlpModel(): Uint8Array {
  return buildModel({
    nodes: [
      { opType: 'Gemm', inputs: ['x', 'w1', 'b1'], outputs: ['h'], attributes: { transB: 1 } },
      { opType: 'Relu', inputs: ['h'], outputs: ['a'] },
      { opType: 'Gemm', inputs: ['a', 'w2', 'b2'], outputs: ['y'], attributes: { transB: 1 } },
    ],
    inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 64] }],
    outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 16] }],
    initializers: { w1: randomTensor([128, 64], 1, 0.125), b1: randomTensor([128], 2, 0.1), w2: randomTensor([16, 128], 3, 0.09), b2: randomTensor([16], 4, 0.1) },
  });
}

async function compare(id: string, device: GPUDevice, bytes: Uint8Array, feeds: Record<string, Tensor>, runs: number): Promise<BenchResult> {
  const ours: Model = await createWebGpuModel(bytes, { device, warmUpBatchSize: 0 });
  const peer: Model = await loadModel(bytes, { backend: 'cpu' });
  try {
    const medians = await measureAlternating({ ours: () => ours.run(feeds), [PEER]: () => peer.run(feeds) }, { runs, warmup: 2 });
    return { id, unit: 'ms', ours: medians['ours'], peers: { [PEER]: medians[PEER] }, runs, notes: `median of ${runs} after 2 warm-ups, run() to results on the host; SwiftShader (CPU) adapter` };
  } finally {
    ours.dispose();
    peer.dispose();
  }
}

async function firstRun(bytes: Uint8Array, feeds: Record<string, Tensor>): Promise<BenchResult> {
  const device = await newDevice();
  let start = performance.now();
  const ours = await createWebGpuModel(bytes, { device, warmUpBatchSize: 0 });
  await ours.run(feeds);
  const gpuMs = performance.now() - start;
  start = performance.now();
  const peer = await loadModel(bytes, { backend: 'cpu' });
  await peer.run(feeds);
  const cpuMs = performance.now() - start;
  ours.dispose();
  peer.dispose();
  device.destroy();
  return { id: 'first-run/webgpu-node', unit: 'ms', ours: gpuMs, peers: { [PEER]: cpuMs }, runs: 1, notes: 'BlazeFace load to first result on a fresh device (every pipeline compiled), once' };
}

export const workloads: BenchWorkload[] = [
  {
    id: 'policy-mlp',
    async run() {
      const device = await newDevice();
      const bytes = mlpModel();
      const results = [
        await compare('policy-mlp/b1/webgpu-node', device, bytes, { x: randomTensor([1, 64], 5) }, 50),
        await compare('policy-mlp/b1000/webgpu-node', device, bytes, { x: randomTensor([1000, 64], 5) }, 20),
      ];
      device.destroy();
      return results;
    },
  },
  {
    id: 'blazeface128',
    async run() {
      const device = await newDevice();
      const bytes = new Uint8Array(readFileSync(new URL('../../assets/models/blazeface/face_detection_front_128x128_barracuda.onnx', import.meta.url)));
      const result = await compare('blazeface128/webgpu-node', device, bytes, { 'input:0': randomTensor([1, 128, 128, 3], 6) }, 3);
      device.destroy();
      return [result];
    },
  },
  {
    id: 'first-run',
    async run() {
      const bytes = new Uint8Array(readFileSync(new URL('../../assets/models/blazeface/face_detection_front_128x128_barracuda.onnx', import.meta.url)));
      return [await firstRun(bytes, { 'input:0': randomTensor([1, 128, 128, 3], 6) })];
    },
  },
];
