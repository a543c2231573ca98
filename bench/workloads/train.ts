/**
 * `train/adam-mlp10-20-10/b32` and `train/adam-mlp64-128-16/b256`: time (ms) of one training step (forward,
 * MSE, backward, Adam) of a ReLU MLP on one fixed batch: ours (Trainer.trainBatch on the CPU) against
 * TF.js 4 on its cpu back end (`tf.train.adam` + `optimizer.minimize`), in the same run. Goal: ours <= 0.2x.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRequire } from 'node:module';
import { adam, Mlp, mseLoss, Trainer } from '../../src/learning/index.js';
import { SeededRandom } from '../../src/learning/random.js';
import { measureAlternating, type BenchResult, type BenchWorkload } from '../harness.js';

interface Case { id: string; sizes: [number, number, number]; batch: number; runs: number }

const CASES: Case[] = [
  { id: 'train/adam-mlp10-20-10/b32', sizes: [10, 20, 10], batch: 32, runs: 200 },
  { id: 'train/adam-mlp64-128-16/b256', sizes: [64, 128, 16], batch: 256, runs: 40 },
];

/**
 * TF.js registers its gradients only from its ES-module build, whose extensionless imports Node cannot load:
 * bundle that one file with esbuild and import it (the gradient registry is global, shared with the Node build).
 */
async function registerTfGradients(): Promise<void> {
  const { build } = await import('esbuild');
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].contents).toString('base64')}`);
}

function randomArray(random: SeededRandom, length: number): Float32Array {
  return Float32Array.from({ length }, () => random.uniform(-1, 1));
}

/** TF.js: the same network as variables, one `minimize` per step. */
function tfStep(sizes: [number, number, number], x: Float32Array, y: Float32Array, batch: number): () => void {
  const [input, hidden, output] = sizes;
  const w1 = tf.variable(tf.randomNormal([input, hidden], 0, Math.sqrt(2 / input)));
  const b1 = tf.variable(tf.zeros([hidden]));
  const w2 = tf.variable(tf.randomNormal([hidden, output], 0, Math.sqrt(2 / hidden)));
  const b2 = tf.variable(tf.zeros([output]));
  const xs = tf.tensor2d(x, [batch, input]);
  const ys = tf.tensor2d(y, [batch, output]);
  const optimizer = tf.train.adam(1e-3);
  return () => {
    const cost = optimizer.minimize(() => {
      const h = tf.relu(tf.add(tf.matMul(xs, w1), b1));
      const out = tf.relu(tf.add(tf.matMul(h, w2), b2));
      return tf.losses.meanSquaredError(ys, out) as tf.Scalar;
    }, false);
    cost?.dispose();
  };
}

async function runCase(c: Case): Promise<BenchResult> {
  const random = new SeededRandom(7);
  const x = randomArray(random, c.batch * c.sizes[0]);
  const y = randomArray(random, c.batch * c.sizes[2]);
  const trainer = new Trainer(Mlp.create({ sizes: c.sizes, activations: ['relu', 'relu'], seed: 1 }), { optimizer: adam({ lr: 1e-3 }), loss: mseLoss });
  const peer = tfStep(c.sizes, x, y, c.batch);
  // Each timed run is a burst of steps, so timer resolution does not dominate tiny steps.
  const burst = c.batch <= 32 ? 20 : 2;
  const medians = await measureAlternating({
    ours: () => { for (let i = 0; i < burst; i++) trainer.trainBatch(x, y, c.batch); },
    tfjs: () => { for (let i = 0; i < burst; i++) peer(); },
  }, { runs: c.runs, warmup: 10 });
  return {
    id: c.id,
    unit: 'ms/step',
    ours: medians.ours / burst,
    peers: { 'tfjs-cpu': medians.tfjs / burst },
    runs: c.runs,
    notes: `median of ${c.runs} bursts of ${burst} steps after 10 warm-up bursts; goal ours <= 0.2x TF.js`,
  };
}

export const workloads: BenchWorkload[] = [{
  id: 'train',
  async run() {
    tf.enableProdMode(); // TF.js at its fastest: no debug checks (and no Node banner)
    await tf.setBackend('cpu');
    await registerTfGradients();
    const results: BenchResult[] = [];
    for (const c of CASES) results.push(await runCase(c));
    tf.disposeVariables();
    return results;
  },
}];
