import { expect } from 'chai';
import { loadModel } from '../../../src/runtime/load-model.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import { createWebGpuModel } from '../../../src/runtime/webgpu/create-webgpu-model.js';
import { GpuTensor } from '../../../src/runtime/webgpu/gpu-tensor.js';
import { expectClose, uniform } from '../helpers.js';
import { countBuffers, describeGpu, newDevice, expectNoUncapturedErrors } from './gpu.js';
import { mlpChainModel } from './mlp-models.js';

const first = mlpChainModel(6, [{ outputs: 9, activation: 'Relu' }, { outputs: 4, activation: 'Tanh' }]);
const second = mlpChainModel(4, [{ outputs: 5, activation: 'Sigmoid' }, { outputs: 3 }]);

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(() => expect.fail('expected a rejection'), (e: unknown) => e as Error);
}

describeGpu('GpuTensor: outputs kept on the GPU and GPU feeds', (device) => {
  expectNoUncapturedErrors(device);

  it("feeds one model's outputs to the next on the device, equal to the CPU chain, and reads them back", async () => {
    const [a, b] = await Promise.all([first, second].map((bytes) => createWebGpuModel(bytes, { device: device(), cpuWhileCompiling: false })));
    const [cpuA, cpuB] = await Promise.all([first, second].map((bytes) => loadModel(bytes, { backend: 'cpu' })));
    try {
      const x = uniform([37, 6], 1);
      const kept = await a.runOnGpu({ x });
      expect(kept.y).to.be.instanceOf(GpuTensor);
      expect(kept.y.dims).to.deep.equal([37, 4]);
      const out = await b.run({ x: kept.y });
      const hidden = (await cpuA.run({ x })).y;
      expectClose(await kept.y.read(), hidden, 'the kept output');
      expectClose(out.y, (await cpuB.run({ x: hidden })).y, 'the chained model');
      expect(a.stats.hostTransfers + b.stats.hostTransfers).to.equal(0);
      kept.y.dispose();
      kept.y.dispose();
      expect(kept.y.isDisposed).to.equal(true);
      expect((await rejectionOf(b.run({ x: kept.y }))).name).to.equal('InputMismatchError');
    } finally {
      [a, b, cpuA, cpuB].forEach((m) => m.dispose());
    }
  });

  it('takes a buffer of yours as a feed without owning it', async () => {
    const model = await createWebGpuModel(second, { device: device(), cpuWhileCompiling: false });
    const cpu = await loadModel(second, { backend: 'cpu' });
    const x = uniform([5, 4], 2);
    const buffer = device().createBuffer({ label: 'test feed', size: x.data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    try {
      device().queue.writeBuffer(buffer, 0, x.data.buffer, x.data.byteOffset, x.data.byteLength);
      const feed = GpuTensor.wrap(device(), buffer, 'float32', [5, 4]);
      expectClose((await model.run({ x: feed })).y, (await cpu.run({ x })).y, 'y');
      feed.dispose();
      expectClose(await GpuTensor.wrap(device(), buffer, 'float32', [5, 4]).read(), x, 'the wrapped buffer after dispose', 0, 0);
    } finally {
      buffer.destroy();
      model.dispose();
      cpu.dispose();
    }
  });

  it('rejects GPU feeds of the wrong dims, dtype, size or device, naming the input', async () => {
    const model = await createWebGpuModel(second, { device: device(), cpuWhileCompiling: false });
    const other = await newDevice();
    const make = (on: GPUDevice, bytes: number): GPUBuffer => on.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    try {
      const cases: [GpuTensor, string][] = [
        [GpuTensor.wrap(device(), make(device(), 80), 'float32', [4, 5]), 'dims'],
        [GpuTensor.wrap(device(), make(device(), 80), 'int32', [5, 4]), 'dtype'],
        [GpuTensor.wrap(device(), make(device(), 16), 'float32', [5, 4]), 'bytes'],
        [GpuTensor.wrap(other, make(other, 80), 'float32', [5, 4]), 'another device'],
      ];
      for (const [feed, what] of cases) {
        const error = await rejectionOf(model.run({ x: feed }));
        expect(error.name, what).to.equal('InputMismatchError');
        expect(error.message, what).to.contain("input 'x'").and.to.contain(what);
        feed.buffer.destroy();
      }
    } finally {
      model.dispose();
      other.destroy();
    }
  });

  it('refuses a GPU feed that a CPU step inside the model reads', async () => {
    const bytes = buildModel({
      nodes: [{ opType: 'Multinomial', inputs: ['x'], outputs: ['y'], name: 'sample', attributes: { sample_size: 1, seed: { float: 1 } } }],
      inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 3] }],
      outputs: [{ name: 'y', dtype: 'int32', dims: ['batch', 1] }],
    });
    const model = await createWebGpuModel(bytes, { device: device(), cpuWhileCompiling: false });
    const buffer = device().createBuffer({ size: 24, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    try {
      const error = await rejectionOf(model.run({ x: GpuTensor.wrap(device(), buffer, 'float32', [2, 3]) }));
      expect(error.name).to.equal('InputMismatchError');
      expect(error.message).to.contain("input 'x'").and.to.contain("'sample'");
      expect((await model.run({ x: new Tensor('float32', new Float32Array(6), [2, 3]) })).y.dims).to.deep.equal([2, 1]);
    } finally {
      buffer.destroy();
      model.dispose();
    }
  });

  it("leaves kept outputs to their owner when the model is disposed; they free their buffers", async () => {
    const own = await newDevice();
    const buffers = countBuffers(own);
    const model = await createWebGpuModel(first, { device: own, cpuWhileCompiling: false });
    const kept = await model.runOnGpu({ x: uniform([3, 6], 3) });
    model.dispose();
    expect(buffers.live()).to.equal(1);
    expect((await kept.y.read()).dims).to.deep.equal([3, 4]);
    kept.y.dispose();
    expect(buffers.live()).to.equal(0);
    own.destroy();
  });
});
