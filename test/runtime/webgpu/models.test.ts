import { expect } from 'chai';
import { createWebGpuModel } from '../../../src/runtime/webgpu/create-webgpu-model.js';
import { readBytes, uniform } from '../helpers.js';
import { checkRealModel } from './gpu-checks.js';
import { describeGpu, expectNoUncapturedErrors } from './gpu.js';
import { ML, ones, REAL_MODEL_CASES } from './real-model-cases.js';

describeGpu('real models on the WebGPU back end, against the CPU back end', (device) => {
  expectNoUncapturedErrors(device);

  for (const c of REAL_MODEL_CASES) {
    it(c.file.split('/').pop()!, () => checkRealModel(device(), readBytes(c.file), c));
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
