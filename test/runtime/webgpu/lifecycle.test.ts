import { expect } from 'chai';
import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine.js';
import { loadModel } from '../../../src/runtime/load-model.js';
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
      const model = await createWebGpuModel(readBytes(BALL), { device: own, label: 'dispose test' });
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
  });

  describe('device loss', () => {
    it('rejects the run in flight with WebGpuDeviceLostError, then runs on the CPU with the same weights', async () => {
      const own = await newDevice();
      const model = await createWebGpuModel(readBytes(BALL), { device: own });
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
