import { expect } from 'chai';
import { loadModel } from '../../../src/runtime/load-model.js';
import type { Model } from '../../../src/runtime/model.js';
import { createWebGpuModel } from '../../../src/runtime/webgpu/create-webgpu-model.js';
import { expectClose, uniform } from '../helpers.js';
import { describeGpu, expectNoUncapturedErrors } from './gpu.js';
import { mlpChainModel } from './mlp-models.js';
import type { LayerSpec } from './mlp-models.js';

interface Case {
  readonly title: string;
  readonly inputs: number;
  readonly layers: readonly LayerSpec[];
  /** Input dims without the feature dim. */
  readonly rows: readonly (readonly number[])[];
  readonly leading?: readonly (number | string)[];
}

const CASES: readonly Case[] = [
  { title: 'odd widths with every activation kind', inputs: 7, rows: [[1], [5], [257]], layers: [
    { outputs: 13, activation: 'Relu' }, { outputs: 6, activation: 'LeakyRelu' }, { outputs: 9, activation: 'Sigmoid' },
    { outputs: 3, activation: 'Tanh' }, { outputs: 5, activation: 'Clip' }, { outputs: 1 },
  ] },
  { title: 'swish, MatMul + Add and alpha / beta Gemm', inputs: 12, rows: [[3], [64]], layers: [
    { outputs: 16, form: 'gemm-plain', activation: 'Swish' }, { outputs: 8, form: 'matmul-add', activation: 'Relu' }, { outputs: 4, form: 'matmul-add' },
  ] },
  { title: 'MatMul over a rank-3 input', inputs: 5, rows: [[2, 3]], leading: ['a', 'b'], layers: [
    { outputs: 4, form: 'matmul-add', activation: 'Relu' }, { outputs: 3, form: 'matmul-add' },
  ] },
  { title: 'the policy-mlp shape (64-128-16, ReLU)', inputs: 64, rows: [[1], [1000]], layers: [{ outputs: 128, activation: 'Relu' }, { outputs: 16 }] },
];

describeGpu('fused MLP kernel, against the CPU back end', (device) => {
  expectNoUncapturedErrors(device);

  for (const { title, inputs, layers, rows, leading } of CASES) {
    it(title, async () => {
      const bytes = mlpChainModel(inputs, layers, leading ? { leading } : {});
      const models: Model[] = [];
      try {
        const gpu = await createWebGpuModel(bytes, { device: device(), warmUpBatchSize: 0, cpuWhileCompiling: false });
        models.push(gpu);
        const cpu = await loadModel(bytes, { backend: 'cpu' });
        models.push(cpu);
        for (const dims of rows) {
          const x = uniform([...dims, inputs], dims.reduce((a, b) => a * b, 1));
          expectClose((await gpu.run({ x })).y, (await cpu.run({ x })).y, `y for x of dims ${[...dims, inputs].join('x')}`);
        }
        expect(gpu.stats.hostTransfers).to.equal(0);
      } finally {
        models.forEach((m) => m.dispose());
      }
    });
  }

  it('runs every batch size with one pipeline compiled at the warm-up', async () => {
    const created: string[] = [];
    const gpuDevice = device();
    const create = gpuDevice.createComputePipelineAsync.bind(gpuDevice);
    gpuDevice.createComputePipelineAsync = (descriptor) => {
      created.push(descriptor.label ?? '');
      return create(descriptor);
    };
    const model = await createWebGpuModel(mlpChainModel(10, [{ outputs: 20, activation: 'Tanh' }, { outputs: 30, activation: 'Relu' }, { outputs: 2 }]), { device: gpuDevice, cpuWhileCompiling: false });
    try {
      const warm = created.length;
      for (const batch of [3, 100, 700]) await model.run({ x: uniform([batch, 10], batch) });
      expect(created.length).to.equal(warm);
      expect(created.filter((label) => label.includes('FusedMlp 10-20-30-2'))).to.have.length(1);
    } finally {
      gpuDevice.createComputePipelineAsync = create;
      model.dispose();
    }
  });
});
