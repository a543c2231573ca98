import { expect } from 'chai';
import { adam, createHuberLoss, GpuTrainer, Mlp, mseLoss, NonFiniteError, sgd, Trainer } from '../../../src/learning/index.js';
import type { Activation, Loss, Optimizer } from '../../../src/learning/index.js';
import { SeededRandom } from '../../../src/learning/random.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import { countBuffers, describeGpu, newDevice, uncapturedErrors } from '../../runtime/webgpu/gpu.js';

interface Setup {
  sizes: number[];
  activations: Activation[];
  loss: Loss;
  optimizer: () => Optimizer;
}

const STEPS = 100;
const BATCH = 32;

/** `count` batches of uniform inputs and targets, the same for both trainers. */
function batches(sizes: readonly number[], count: number, seed: number): { x: Float32Array; y: Float32Array }[] {
  const random = new SeededRandom(seed);
  const fill = (n: number): Float32Array => Float32Array.from({ length: n }, () => random.uniform(-1, 1));
  return Array.from({ length: count }, () => ({ x: fill(BATCH * sizes[0]), y: fill(BATCH * sizes[sizes.length - 1]) }));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describeGpu('GpuTrainer', (device) => {
  let errors: string[];
  before(() => {
    errors = uncapturedErrors(device());
  });
  afterEach(() => expect(errors).to.deep.equal([]));

  /** Trains CPU and GPU copies of one model on the same batches; returns both models and trainers after `STEPS` steps. */
  async function trainBoth(setup: Setup): Promise<{ cpu: Trainer; gpu: GpuTrainer; cpuLosses: number[]; gpuLosses: number[] }> {
    const model = Mlp.create({ sizes: setup.sizes, activations: setup.activations, seed: 11 });
    const cpu = new Trainer(model.clone(), { optimizer: setup.optimizer(), loss: setup.loss });
    const gpu = await GpuTrainer.create(model, { optimizer: setup.optimizer(), loss: setup.loss, device: device(), label: 'test trainer' });
    const data = batches(setup.sizes, 10, 5);
    const cpuLosses: number[] = [];
    const pending: Promise<number>[] = [];
    device().pushErrorScope('validation');
    for (let s = 0; s < STEPS; s++) {
      const { x, y } = data[s % data.length];
      cpuLosses.push(cpu.trainBatch(x, y, BATCH));
      pending.push(gpu.trainBatch(x, y, BATCH));
    }
    const gpuLosses = await Promise.all(pending);
    await gpu.readParameters();
    expect(await device().popErrorScope()).to.equal(null);
    return { cpu, gpu, cpuLosses, gpuLosses };
  }

  function expectEqualTraining(result: Awaited<ReturnType<typeof trainBoth>>): void {
    const { cpu, gpu, cpuLosses, gpuLosses } = result;
    const diff = maxAbsDiff(gpu.model.params, cpu.model.params);
    expect(diff, `max abs parameter difference after ${STEPS} steps`).to.be.below(1e-4);
    gpuLosses.forEach((loss, s) => expect(loss, `loss of step ${s}`).to.be.closeTo(cpuLosses[s], 1e-5 * Math.max(1, cpuLosses[s])));
    const [cpuState, gpuState] = [cpu.optimizer.state(), gpu.optimizer.state()];
    expect(gpuState.steps).to.equal(STEPS);
    expect(maxAbsDiff(gpuState.slots[0], cpuState.slots[0]), 'first moment').to.be.below(1e-5);
    expect(cpuLosses[STEPS - 1]).to.be.below(cpuLosses[0]);
  }

  describe('#trainBatch()', () => {
    it("equals the CPU Trainer within 1e-4 after 100 steps: the seed's MLP 10-20-10 ReLU, MSE, Adam 1e-3, batch 32", async () => {
      const result = await trainBoth({ sizes: [10, 20, 10], activations: ['relu', 'relu'], loss: mseLoss, optimizer: () => adam({ lr: 1e-3 }) });
      expectEqualTraining(result);
      result.gpu.dispose();
    });

    it('equals it too with tanh, leakyRelu and identity layers, a Huber loss, weight decay and gradient clipping', async () => {
      const result = await trainBoth({
        sizes: [6, 12, 9, 3], activations: ['tanh', 'leakyRelu', 'identity'], loss: createHuberLoss(0.5),
        optimizer: () => adam({ lr: 3e-3, weightDecay: 0.01, clipNorm: 0.05 }),
      });
      expectEqualTraining(result);
      result.gpu.dispose();
    });

    it('rejects a step with a non-finite loss with NonFiniteError and changes nothing', async () => {
      const model = Mlp.create({ sizes: [4, 8, 2], activations: ['relu', 'identity'], seed: 3 });
      const trainer = await GpuTrainer.create(model, { optimizer: adam({ lr: 1e-2 }), loss: mseLoss, device: device() });
      const [{ x, y }] = batches([4, 8, 2], 1, 2);
      const before = model.params.slice();
      const bad = y.slice();
      bad[3] = Number.NaN;
      const error = await trainer.trainBatch(x, bad, BATCH).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(NonFiniteError);
      await trainer.readParameters();
      expect(model.params).to.deep.equal(before);
      expect(trainer.optimizer.steps).to.equal(0);
      expect(await trainer.trainBatch(x, y, BATCH)).to.be.a('number');
      await trainer.readParameters();
      expect(trainer.optimizer.steps).to.equal(1);
      trainer.dispose();
    });
  });

  describe('#step()', () => {
    it('checks shapes and returns the loss of CPU evaluation', async () => {
      const model = Mlp.create({ sizes: [3, 5, 2], activations: ['sigmoid', 'identity'], seed: 4 });
      const trainer = await GpuTrainer.create(model, { optimizer: adam({ lr: 1e-3 }), loss: mseLoss, device: device() });
      const x = new Tensor('float32', Float32Array.from({ length: 12 }, (_, i) => i / 12), [4, 3]);
      const y = new Tensor('float32', new Float32Array(8), [4, 2]);
      const expected = new Trainer(model.clone(), { optimizer: adam({ lr: 1e-3 }), loss: mseLoss }).evaluate(x, y);
      expect(await trainer.step(x, y)).to.be.closeTo(expected, 1e-6);
      const error = await trainer.step(y, x).then(() => undefined, (e: unknown) => e);
      expect((error as Error).name).to.equal('SpecMismatchError');
      trainer.dispose();
    });
  });

  describe('.create()', () => {
    it('rejects an optimiser other than adam and an unknown loss, naming the option', async () => {
      const model = Mlp.create({ sizes: [2, 2], activations: ['identity'], seed: 1 });
      const noSgd = await GpuTrainer.create(model, { optimizer: sgd({ lr: 0.1 }), loss: mseLoss, device: device() }).then(() => undefined, (e: unknown) => e);
      expect(noSgd).to.be.instanceOf(TypeError).with.property('message').that.matches(/'optimizer'/);
      const custom: Loss = { name: 'custom', compute: () => 0 };
      const noLoss = await GpuTrainer.create(model, { optimizer: adam({ lr: 0.1 }), loss: custom, device: device() }).then(() => undefined, (e: unknown) => e);
      expect(noLoss).to.be.instanceOf(TypeError).with.property('message').that.matches(/'loss'/);
    });
  });

  describe('#dispose()', () => {
    it('destroys every buffer it created, all labelled, and later steps reject', async () => {
      const own = await newDevice();
      const buffers = countBuffers(own);
      const model = Mlp.create({ sizes: [5, 7, 3], activations: ['relu', 'identity'], seed: 2 });
      const trainer = await GpuTrainer.create(model, { optimizer: adam({ lr: 1e-3 }), loss: mseLoss, device: own, label: 'dispose test' });
      const [a, b] = batches([5, 7, 3], 2, 1);
      await Promise.all([trainer.trainBatch(a.x, a.y, BATCH), trainer.trainBatch(b.x, b.y, 9)]);
      await trainer.readParameters();
      expect(buffers.live()).to.be.greaterThan(0);
      expect(buffers.live()).to.equal(trainer.liveBuffers);
      expect(buffers.labels().every((l) => l.startsWith('dispose test '))).to.equal(true);
      trainer.dispose();
      trainer.dispose();
      expect(buffers.live()).to.equal(0);
      const error = await trainer.trainBatch(a.x, a.y, BATCH).then(() => undefined, (e: unknown) => e);
      expect((error as Error).name).to.equal('ModelDisposedError');
      own.destroy();
    });
  });
});
