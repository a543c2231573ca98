/**
 * Pretrains the smart-home example's model of normal movement (examples/smart-home/movement-model.ts) with the
 * package's learning API (Mlp, Trainer, adam, mseLoss) on the resident's daily loop, simulated as the scene's
 * motion sensors see it (examples/smart-home/movement-data.ts, seeded), calibrates the alert threshold on other
 * simulated days, checks it on held-out days and on the intruder's path, and saves the weights with their Adam
 * state through WeightStore into assets/weights/, with the README beside them. Same figures on every run; only the
 * file's `savedAt` differs.
 *
 *   tsx scripts/train-smart-home.ts [--out DIR]      (npm run train:assets)
 */
import { stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { adam, Mlp, mseLoss, Tensor, Trainer, WeightStore, type Optimizer } from 'babylon-collaborator';
import { intruderTracks, normalTracks, toRows, type Track } from '../examples/smart-home/movement-data.js';
import { MARGIN, MOVEMENT_MODEL, peakScore, SMOOTHING, WEIGHTS_NAME } from '../examples/smart-home/movement-model.js';
import { ROOT } from './build-examples.js';
import { weightsReadme } from './train-smart-home-readme.js';

/** Seeds of the simulated data: training days, calibration days (threshold), evaluation days and intruders. */
export const SEEDS = { train: 1, calibration: 2, evaluation: 3 } as const;
/** Adam's learning rate, then the lower one of the fine-tuning epochs (and of the scene's online learning). */
export const LEARNING_RATE = 1e-2;
export const FINE_TUNING_RATE = 1e-3;
export const BATCH_SIZE = 32;

/** Options of {@link trainMovementModel}. */
export interface TrainMovementOptions {
  /** Simulated 40 s walks of the resident's loop to train on. @default 64 */
  tracks?: number;
  /** Passes over them at {@link LEARNING_RATE}. @default 20 */
  epochs?: number;
  /** Passes after those at {@link FINE_TUNING_RATE}, with a new Adam. @default 10 */
  fineTuneEpochs?: number;
  /** Walks of the calibration and evaluation sets (each). @default 32 */
  heldOut?: number;
}

/** What {@link trainMovementModel} made, with its figures. */
export interface MovementTraining {
  readonly model: Mlp;
  /** The fine-tuning Adam after training (its state is saved with the weights). */
  readonly optimizer: Optimizer;
  /** Frames trained on. */
  readonly rows: number;
  readonly epochs: number;
  readonly fineTuneEpochs: number;
  /** Mean training loss of each epoch, fine-tuning included. */
  readonly history: readonly number[];
  /** MSE on the held-out evaluation days before and after training. */
  readonly lossBefore: number;
  readonly lossAfter: number;
  /** The highest smoothed error on the calibration days, and the alert threshold ({@link MARGIN} times it). */
  readonly normalPeak: number;
  readonly threshold: number;
}

/** How well a model and threshold tell normal days from intruders: each walk's peak smoothed error against the threshold. */
export interface DetectorEvaluation {
  readonly normal: { readonly count: number; readonly below: number; readonly highest: number };
  readonly intruder: { readonly count: number; readonly above: number; readonly lowest: number };
  /** Walks classified right (normal below, intruder above the threshold), out of all. */
  readonly accuracy: number;
}

const dataset = (tracks: readonly Track[]): { x: Tensor; y: Tensor } => {
  const { x, y, count } = toRows(tracks);
  return { x: new Tensor('float32', x, [count, 2]), y: new Tensor('float32', y, [count, 2]) };
};

/** Trains the model of normal movement from {@link MOVEMENT_MODEL}'s seeded initialisation and calibrates its threshold. */
export async function trainMovementModel(options: TrainMovementOptions = {}): Promise<MovementTraining> {
  const { tracks = 64, epochs = 20, fineTuneEpochs = 10, heldOut = 32 } = options;
  const model = Mlp.create(MOVEMENT_MODEL);
  const trainer = new Trainer(model, { optimizer: adam({ lr: LEARNING_RATE }), loss: mseLoss });
  const optimizer = adam({ lr: FINE_TUNING_RATE });
  const fineTuner = new Trainer(model, { optimizer, loss: mseLoss });
  const train = dataset(normalTracks(tracks, SEEDS.train));
  const held = dataset(normalTracks(heldOut, SEEDS.evaluation));
  const lossBefore = trainer.evaluate(held.x, held.y);
  const { loss: history } = await trainer.fit(train, { epochs, batchSize: BATCH_SIZE, seed: SEEDS.train });
  if (fineTuneEpochs > 0) history.push(...(await fineTuner.fit(train, { epochs: fineTuneEpochs, batchSize: BATCH_SIZE, seed: SEEDS.train + 1 })).loss);
  const lossAfter = trainer.evaluate(held.x, held.y);
  const normalPeak = Math.max(...normalTracks(heldOut, SEEDS.calibration).map((t) => peakScore(model, t)));
  return {
    model, optimizer, rows: train.x.dims[0]!, epochs, fineTuneEpochs, history, lossBefore, lossAfter, normalPeak,
    threshold: MARGIN * normalPeak,
  };
}

/** Scores `count` simulated normal days and `count` intruder walks drawn with `seed`. */
export function evaluateDetector(model: Mlp, threshold: number, seed: number, count = 32): DetectorEvaluation {
  const normal = normalTracks(count, seed).map((t) => peakScore(model, t));
  const intruder = intruderTracks(count, seed).map((t) => peakScore(model, t));
  const below = normal.filter((p) => p < threshold).length;
  const above = intruder.filter((p) => p > threshold).length;
  return {
    normal: { count, below, highest: Math.max(...normal) },
    intruder: { count, above, lowest: Math.min(...intruder) },
    accuracy: (below + above) / (2 * count),
  };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const out = argValue('--out') ?? join(ROOT, 'assets', 'weights');
  const started = performance.now();
  const training = await trainMovementModel();
  const evaluation = evaluateDetector(training.model, training.threshold, SEEDS.evaluation);
  const store = new WeightStore({ name: WEIGHTS_NAME, directory: out });
  await store.clear(); // no previous version beside the asset
  const header = await store.save(training.model, {
    optimizer: training.optimizer,
    metadata: {
      threshold: training.threshold,
      normalPeak: training.normalPeak,
      margin: MARGIN,
      smoothing: SMOOTHING,
      features: 'in: position x / 12, z / 12 (m); out: velocity vx / 2.4, vz / 2.4 (scene m/s), clamped to [-1, 1]',
      madeBy: 'scripts/train-smart-home.ts',
      lossBefore: training.lossBefore,
      lossAfter: training.lossAfter,
      evaluation,
    },
  });
  const bytes = (await stat(join(out, `${WEIGHTS_NAME}.weights`))).size;
  await writeFile(join(out, 'README.md'), weightsReadme({ training, evaluation, header, bytes }));
  const where = relative(process.cwd(), out) || '.';
  console.log(`${header.signature}, ${header.parameterCount} parameters, ${training.rows} frames, ${training.epochs} + ${training.fineTuneEpochs} epochs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`held-out MSE ${training.lossBefore.toFixed(4)} -> ${training.lossAfter.toFixed(4)}; threshold ${training.threshold.toFixed(4)}`);
  console.log(`normal days below: ${evaluation.normal.below}/${evaluation.normal.count} (highest ${evaluation.normal.highest.toFixed(4)}); intruders above: ${evaluation.intruder.above}/${evaluation.intruder.count} (lowest ${evaluation.intruder.lowest.toFixed(4)})`);
  console.log(`wrote ${where}/${WEIGHTS_NAME}.weights and ${where}/README.md`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exitCode = 1;
  });
}
