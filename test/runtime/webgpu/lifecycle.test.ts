import { expect } from 'chai';
import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine.js';
import { loadModel } from '../../../src/runtime/load-model.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import type { SelectedModel } from '../../../src/runtime/backend-selection.js';
import { createWebGpuModel } from '../../../src/runtime/webgpu/create-webgpu-model.js';
import { resolveDevice } from '../../../src/runtime/webgpu/device.js';
import { expectClose, readBytes, uniform } from '../helpers.js';
import { countBuffers, describeGpu, newDevice } from './gpu.js';

const BALL = 'assets/models/ml-agents/3DBall.onnx';

describeGpu('WebGpuModel', (device) => {
  describe('#dispose()', () => {
    it('destroys every buffer it created, all labelled, and is idempotent', async () => {
      const own = await newDevice();
      const buffers = countBuffers(own);
      const model = await createWebGpuModel(readBytes(BALL), { device: own, label: 'dispose test', cpuWhileCompiling: false });
      await model.run({ obs_0: uniform([3, 8], 1) });
      expect(buffers.live()).to.be.greaterThan(0);
      expect(buffers.labels().every((l) => l.startsWith('dispose test '))).to.equal(true);
      model.dispose();
      model.dispose();
      expect(buffers.live()).to.equal(0);
      const error = await model.run({ obs_0: uniform([3, 8], 1) }).then(() => undefined, (e: unknown) => e);
      expect((error as Error).name).to.equal('ModelDisposedError');
      own.destroy();
    });

    it('leaves no buffer behind when disposed while its warm-up compiles in the background', async () => {
      const own = await newDevice();
      const buffers = countBuffers(own);
      const model = await createWebGpuModel(readBytes(BALL), { device: own });
      model.dispose();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(buffers.live()).to.equal(0);
      own.destroy();
    });
  });

  describe('cpuWhileCompiling', () => {
    it('answers on the CPU while a signature compiles, then runs it on the GPU with the same results', async () => {
      const model = await createWebGpuModel(readBytes(BALL), { device: device(), warmUpBatchSize: 0 });
      const cpu = await loadModel(readBytes(BALL), { backend: 'cpu' });
      try {
        const feeds = { obs_0: uniform([6, 8], 3) };
        const early = await model.run(feeds);
        expect(model.stats).to.include({ cpuRuns: 1, runs: 0 });
        await model.warmUp(feeds);
        expect(model.isCompiled(feeds)).to.equal(true);
        const late = await model.run(feeds);
        expect(model.stats).to.include({ cpuRuns: 1, runs: 2 });
        const reference = await cpu.run(feeds);
        expectClose(early['deterministic_continuous_actions'], reference['deterministic_continuous_actions'], 'while compiling', 0, 0);
        expectClose(late['deterministic_continuous_actions'], reference['deterministic_continuous_actions'], 'on the GPU');
      } finally {
        model.dispose();
        cpu.dispose();
      }
    });

    it('rejects feeds that do not fit the graph with the KernelError naming the node, as the GPU path does', async () => {
      const bytes = buildModel({
        nodes: [{ opType: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], name: 'project' }],
        inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 'features'] }],
        outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 3] }],
        initializers: { w: uniform([4, 3], 5) },
      });
      const model = await createWebGpuModel(bytes, { device: device(), warmUpBatchSize: 0 });
      try {
        const error = await model.run({ x: uniform([2, 5], 4) }).then(() => undefined, (e: unknown) => e);
        expect((error as Error).name).to.equal('KernelError');
        expect((error as Error).message).to.contain('project');
        expect(model.stats.cpuRuns).to.equal(0);
      } finally {
        model.dispose();
      }
    });
  });

  describe('device loss', () => {
    it('rejects the run in flight with WebGpuDeviceLostError, then runs on the CPU with the same weights', async () => {
      const own = await newDevice();
      const model = await createWebGpuModel(readBytes(BALL), { device: own, cpuWhileCompiling: false });
      const cpu = await loadModel(readBytes(BALL), { backend: 'cpu' });
      const feeds = { obs_0: uniform([5, 8], 2) };
      const before = await model.run(feeds);
      const inFlight = model.run(feeds);
      own.destroy();
      const error = await inFlight.then(() => undefined, (e: unknown) => e);
      expect((error as Error).name).to.equal('WebGpuDeviceLostError');
      const after = await model.run(feeds);
      expect(model.backend).to.equal('cpu');
      const reference = await cpu.run(feeds);
      expectClose(after['deterministic_continuous_actions'], reference['deterministic_continuous_actions'], 'after loss', 0, 0);
      expectClose(before['deterministic_continuous_actions'], reference['deterministic_continuous_actions'], 'before loss');
      model.dispose();
      cpu.dispose();
    });
  });

  describe('device choice', () => {
    it("shares a WebGPUEngine's device and guards the internal it reads", async () => {
      const engine = { isWebGPU: true, _device: device() } as unknown as AbstractEngine;
      expect((await resolveDevice({ engine })).device).to.equal(device());
      const broken = { isWebGPU: true } as unknown as AbstractEngine;
      const error = await resolveDevice({ engine: broken }).then(() => undefined, (e: unknown) => e);
      expect((error as Error).name).to.equal('WebGpuUnavailableError');
    });

    it('gives kernels their own device next to a WebGL engine', async () => {
      const engine = { isWebGPU: false } as unknown as AbstractEngine;
      expect((await resolveDevice({ engine, device: device() })).device).to.equal(device());
    });
  });

  describe("loadModel(..., { backend: 'webgpu' | 'auto' })", () => {
    it("loads on the GPU, and 'auto' measures this back end beside the others", async () => {
      const gpu = await loadModel(readBytes(BALL), { backend: 'webgpu', device: device() });
      expect(gpu.backend).to.equal('webgpu');
      gpu.dispose();
      const auto = (await loadModel(readBytes(BALL), { device: device(), autoBudgetMs: 30 })) as SelectedModel;
      expect(auto.selection.timings.webgpu?.ms, JSON.stringify(auto.selection.timings)).to.be.a('number');
      auto.dispose();
    });
  });
});
