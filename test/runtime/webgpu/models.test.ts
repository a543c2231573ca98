import { expect } from 'chai';
import { loadModel } from '../../../src/runtime/load-model.js';
import type { Model } from '../../../src/runtime/model.js';
import type { Tensor } from '../../../src/runtime/tensor.js';
import { createWebGpuModel } from '../../../src/runtime/webgpu/create-webgpu-model.js';
import { expectClose, readBytes, uniform } from '../helpers.js';
import { describeGpu, expectNoUncapturedErrors } from './gpu.js';

const ML = 'assets/models/ml-agents/';
const ones = (n: number, width: number): Tensor<'float32'> => uniform([n, width], 0, 1, 1);

interface Case {
  readonly file: string;
  readonly feeds: () => Record<string, Tensor>;
  readonly deterministic: readonly string[];
}

// The CPU back end is checked against onnxruntime-web (test/runtime/real-models.test.ts) with the same tolerance.
const CASES: readonly Case[] = [
  { file: `${ML}3DBall.onnx`, feeds: () => ({ obs_0: uniform([16, 8], 1) }), deterministic: ['version_number', 'memory_size', 'continuous_action_output_shape', 'deterministic_continuous_actions'] },
  { file: `${ML}3DBallHard.onnx`, feeds: () => ({ obs_0: uniform([16, 27], 2), obs_1: uniform([16, 18], 3) }), deterministic: ['deterministic_continuous_actions'] },
  { file: `${ML}Visual3DBall.onnx`, feeds: () => ({ obs_0: uniform([1, 12, 84, 84], 4, 0, 1) }), deterministic: ['deterministic_continuous_actions'] },
  { file: `${ML}discrete_rank2_vector_v2_0.onnx`, feeds: () => ({ obs_0: uniform([4, 20, 23], 5), obs_1: uniform([4, 10], 6), obs_2: uniform([4, 8], 7), action_masks: ones(4, 9) }), deterministic: ['discrete_action_output_shape'] },
  { file: `${ML}hybrid0vis8vec_2c_2_3d_v2_0.onnx`, feeds: () => ({ obs_0: uniform([8, 8], 8), action_masks: ones(8, 5), recurrent_in: uniform([8, 1, 128], 9) }), deterministic: ['recurrent_out', 'discrete_action_output_shape'] },
  { file: 'assets/models/blazeface/face_detection_front_128x128_barracuda.onnx', feeds: () => ({ 'input:0': uniform([1, 128, 128, 3], 10) }), deterministic: ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'] },
];

describeGpu('real models on the WebGPU back end, against the CPU back end', (device) => {
  expectNoUncapturedErrors(device);

  for (const { file, feeds, deterministic } of CASES) {
    it(file.split('/').pop()!, async () => {
      const bytes = readBytes(file);
      const models: Model[] = [];
      try {
        const gpu = await createWebGpuModel(bytes, { device: device(), warmUpBatchSize: 0, cpuWhileCompiling: false });
        models.push(gpu);
        const cpu = await loadModel(bytes, { backend: 'cpu' });
        models.push(cpu);
        const input = feeds();
        const [got, want] = [await gpu.run(input), await cpu.run(input)];
        expect(Object.keys(got).sort()).to.deep.equal(Object.keys(want).sort());
        for (const name of deterministic) expectClose(got[name], want[name], name);
        for (const name of Object.keys(want)) expect(got[name].dims, name).to.deep.equal(want[name].dims);
        expect(gpu.backend).to.equal('webgpu');
      } finally {
        models.forEach((m) => m.dispose());
      }
    });
  }

  it('masked discrete actions never come out (Multinomial on the CPU inside the GPU model)', async () => {
    const model = await createWebGpuModel(readBytes(`${ML}hybrid0vis8vec_2c_2_3d_v2_0.onnx`), { device: device(), warmUpBatchSize: 0, cpuWhileCompiling: false });
    try {
      const mask = ones(64, 5);
      for (let row = 0; row < 64; row++) mask.data.set([0, 1, 1, 0, 0], row * 5);
      const out = await model.run({ obs_0: uniform([64, 8], 11), action_masks: mask, recurrent_in: uniform([64, 1, 128], 12) });
      const actions = Array.from(out['discrete_actions'].data as BigInt64Array, Number);
      for (let row = 0; row < 64; row++) expect([actions[row * 2], actions[row * 2 + 1]], `row ${row}`).to.deep.equal([1, 0]);
      expect(model.stats.hostTransfers).to.be.greaterThan(0);
    } finally {
      model.dispose();
    }
  });
});
