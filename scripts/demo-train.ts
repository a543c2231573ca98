/**
 * `npm run demo:train`: the seed's reference program. An MLP Linear(10, 20)-ReLU-Linear(20, 10)-ReLU learns a
 * synthetic teacher task (a hidden network of the same shape) with MSE and Adam (lr 1e-3, batch 32) for 10 epochs,
 * printing the train and validation loss of each epoch.
 */
import { adam, Mlp, mseLoss, Trainer } from '../src/learning/index.js';
import { teacherDataset } from '../src/learning/teacher-task.js';

const SIZES = [10, 20, 10];
const ACTIVATIONS = ['relu', 'relu'] as const;

async function main(): Promise<void> {
  const teacher = Mlp.create({ sizes: SIZES, activations: [...ACTIVATIONS], seed: 2024 });
  const data = teacherDataset(teacher, 4000, 1);
  const model = Mlp.create({ sizes: SIZES, activations: [...ACTIVATIONS], seed: 7 });
  const trainer = new Trainer(model, { optimizer: adam({ lr: 1e-3 }), loss: mseLoss });
  process.stdout.write(`MLP ${SIZES.join('-')} (ReLU, ReLU), MSE, Adam lr 1e-3, batch 32: 3200 train rows, 800 validation rows\n`);
  const start = performance.now();
  const history = await trainer.fit(data, { epochs: 10, batchSize: 32, validation: 0.2, seed: 3 });
  history.loss.forEach((loss, epoch) => {
    const validation = history.validationLoss![epoch];
    process.stdout.write(`epoch ${String(epoch + 1).padStart(2)}  train loss ${loss.toFixed(5)}  validation loss ${validation.toFixed(5)}\n`);
  });
  process.stdout.write(`trained in ${(performance.now() - start).toFixed(0)} ms\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
