/**
 * Policy inference on the CPU back end against onnxruntime-web (wasm, 1 thread), in the same process run:
 * `policy-mlp/b1/cpu`, `policy-mlp/b1000/cpu`, `policy-mlp/b10000/cpu` (an MLP 64-128-16 with ReLU, random
 * weights, built as an ONNX model) and `blazeface128/cpu` (BlazeFace front 128x128).
 * Goals (issue 4): ours <= 0.2x onnxruntime-web at batch 1, <= 1.0x at 1,000 and 10,000, <= 1.5x for BlazeFace.
 */
import { readFileSync } from 'node:fs';
import { createOnnxRuntimeModel } from '../../src/onnxruntime/index.js';
import { loadModel } from '../../src/runtime/load-model.js';
import type { Model } from '../../src/runtime/model.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { measureAlternating } from '../harness.js';
import type { BenchResult, BenchWorkload } from '../harness.js';
import { mlpModel, randomTensor } from '../models.js';

const PEER = 'onnxruntime-web-wasm';

async function compare(id: string, bytes: Uint8Array, feeds: Record<string, Tensor>, runs: number, goal: string): Promise<BenchResult> {
  const ours: Model = await loadModel(bytes, { backend: 'cpu' });
  const peer: Model = await createOnnxRuntimeModel(bytes, { numThreads: 1 });
  try {
    const medians = await measureAlternating({ ours: () => ours.run(feeds), [PEER]: () => peer.run(feeds) }, { runs, warmup: 5 });
    return { id, unit: 'ms', ours: medians['ours'], peers: { [PEER]: medians[PEER] }, runs, notes: `median of ${runs} after 5 warm-ups, one run() each; goal ${goal}` };
  } finally {
    ours.dispose();
    peer.dispose();
  }
}

export const workloads: BenchWorkload[] = [
  {
    id: 'policy-mlp',
    async run() {
      const bytes = mlpModel();
      const results: BenchResult[] = [];
      for (const [batch, runs, goal] of [[1, 200, '<= 0.2x'], [1000, 50, '<= 1.0x'], [10000, 20, '<= 1.0x']] as const) {
        results.push(await compare(`policy-mlp/b${batch}/cpu`, bytes, { x: randomTensor([batch, 64], 5) }, runs, goal));
      }
      return results;
    },
  },
  {
    id: 'blazeface128',
    async run() {
      const bytes = new Uint8Array(readFileSync(new URL('../../assets/models/blazeface/face_detection_front_128x128_barracuda.onnx', import.meta.url)));
      return [await compare('blazeface128/cpu', bytes, { 'input:0': randomTensor([1, 128, 128, 3], 6) }, 20, '<= 1.5x')];
    },
  },
];
