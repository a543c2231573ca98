/**
 * The WebGPU back end in Node (Dawn from the `webgpu` package on SwiftShader, the software Vulkan this machine
 * has), against our CPU back end in the same run: `policy-mlp/b1/webgpu-node`, `policy-mlp/b1000/webgpu-node`
 * (MLP 64-128-16 with ReLU), `blazeface128/webgpu-node` and `first-run/webgpu-node` (load to first result, on a
 * fresh device so no pipeline is cached). SwiftShader runs shaders on the CPU cores: these figures measure the
 * back end's overheads, not a GPU. The `…/webgpu-chromium` workloads against onnxruntime-web's WebGPU EP need
 * the browser harness and are not measured here.
 */
import { readFileSync } from 'node:fs';
import { loadModel } from '../../src/runtime/load-model.js';
import type { Model } from '../../src/runtime/model.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { createWebGpuModel } from '../../src/runtime/webgpu/create-webgpu-model.js';
import { measureAlternating } from '../harness.js';
import type { BenchResult, BenchWorkload } from '../harness.js';
import { mlpModel, randomTensor } from '../models.js';
import { newDevice } from '../webgpu-device.js';

const PEER = 'babylon-collaborator-cpu';
async function compare(id: string, device: GPUDevice, bytes: Uint8Array, feeds: Record<string, Tensor>, runs: number): Promise<BenchResult> {
  const ours: Model = await createWebGpuModel(bytes, { device, warmUpBatchSize: 0, cpuWhileCompiling: false });
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
  const device = await newDevice('bench webgpu');
  let start = performance.now();
  const ours = await createWebGpuModel(bytes, { device, warmUpBatchSize: 0, cpuWhileCompiling: false });
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
      const device = await newDevice('bench webgpu');
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
      const device = await newDevice('bench webgpu');
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
