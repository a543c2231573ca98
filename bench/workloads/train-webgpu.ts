/**
 * `train/adam-mlp64-128-16/b256/webgpu-node`: time (ms) of one training step (forward, MSE, backward, Adam) of
 * the ReLU MLP 64-128-16 on a batch of 256: ours on WebGPU in Node (GpuTrainer; Dawn from the `webgpu` package
 * on SwiftShader, the software Vulkan this machine has) against our CPU Trainer, in the same run. Steps are
 * queued in bursts and their losses awaited together (the GPU trainer pipelines submission and readback), so the
 * figure is throughput; SwiftShader runs shaders on the CPU cores: it measures the back end, not a GPU.
 */
import { adam, GpuTrainer, Mlp, mseLoss, Trainer } from '../../src/learning/index.js';
import { SeededRandom } from '../../src/learning/random.js';
import { measureAlternating, type BenchResult, type BenchWorkload } from '../harness.js';
import { newDevice } from '../webgpu-device.js';

const ID = 'train/adam-mlp64-128-16/b256/webgpu-node';
const PEER = 'babylon-collaborator-cpu';
const SIZES = [64, 128, 16];
const BATCH = 256;
const BURST = 8;
const RUNS = 15;
export const workloads: BenchWorkload[] = [{
  id: ID,
  async run(): Promise<BenchResult[]> {
    const device = await newDevice('bench train-webgpu');
    const random = new SeededRandom(7);
    const x = Float32Array.from({ length: BATCH * SIZES[0] }, () => random.uniform(-1, 1));
    const y = Float32Array.from({ length: BATCH * SIZES[2] }, () => random.uniform(-1, 1));
    const model = Mlp.create({ sizes: SIZES, activations: ['relu', 'relu'], seed: 1 });
    const cpu = new Trainer(model.clone(), { optimizer: adam({ lr: 1e-3 }), loss: mseLoss });
    const gpu = await GpuTrainer.create(model, { optimizer: adam({ lr: 1e-3 }), loss: mseLoss, device, label: 'bench trainer' });
    try {
      const compileStart = performance.now();
      await gpu.trainBatch(x, y, BATCH);
      const firstStepMs = performance.now() - compileStart;
      const medians = await measureAlternating({
        ours: () => Promise.all(Array.from({ length: BURST }, () => gpu.trainBatch(x, y, BATCH))),
        [PEER]: () => { for (let i = 0; i < BURST; i++) cpu.trainBatch(x, y, BATCH); },
      }, { runs: RUNS, warmup: 2 });
      return [{
        id: ID, unit: 'ms/step', ours: medians['ours'] / BURST, peers: { [PEER]: medians[PEER] / BURST }, runs: RUNS,
        notes: `median of ${RUNS} bursts of ${BURST} queued steps after 2 warm-up bursts, losses read back; SwiftShader (CPU) adapter; first step (pipelines compiled) ${firstStepMs.toFixed(0)} ms`,
      }];
    } finally {
      gpu.dispose();
      device.destroy();
    }
  },
}];
