import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import type { Tensor } from '../runtime/tensor.js';
import { checkDataset, gatherRows, sliceRows, type Dataset, type Rows } from './dataset.js';
import { NonFiniteError } from './errors.js';
import type { Loss } from './loss.js';
import type { Mlp } from './mlp.js';
import type { Optimizer } from './optimizer.js';
import { randomSeed, SeededRandom } from './random.js';

/** Options of {@link Trainer}. */
export interface TrainerOptions {
  /** Updates the parameters; serves this model only (it holds per-parameter state). */
  optimizer: Optimizer;
  /** What is minimised, e.g. {@link mseLoss}. */
  loss: Loss;
}

/** Options of {@link Trainer.fit}. Invalid values throw a RangeError or TypeError naming the option. */
export interface FitOptions {
  /** Passes over the training rows, integer >= 1. */
  epochs: number;
  /** Rows per step, integer >= 1 (the last batch of an epoch may be smaller). */
  batchSize: number;
  /** Visit the rows in a new seeded random order each epoch. @default true */
  shuffle?: boolean;
  /**
   * Data to report `validationLoss` on after each epoch: tensors, or a fraction in (0, 1) of the rows, taken from
   * the end of `data` (before shuffling, as Keras does) and not trained on.
   * @default none
   */
  validation?: Dataset | number;
  /** Seed of the shuffling. @default a random seed */
  seed?: number;
}

/** What {@link Trainer.fit} returns: one value per epoch. */
export interface FitHistory {
  /** Mean training loss of each epoch (each batch's loss before its update, weighted by its rows). */
  loss: number[];
  /** Validation loss after each epoch, when `validation` was given. */
  validationLoss?: number[];
}

const OWNER = 'Trainer';
/** `fit()` hands the event loop back at least this often (ms), so a long fit does not freeze a page. */
const YIELD_EVERY_MS = 12;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Supervised training of an {@link Mlp} on the CPU: forward, loss, backward and one optimiser step per batch.
 * A step that meets a non-finite loss or gradient throws a NonFiniteError and leaves the parameters unchanged.
 *
 * @example
 * ```ts
 * const trainer = new Trainer(mlp, { optimizer: adam({ lr: 1e-3 }), loss: mseLoss });
 * const { loss } = await trainer.fit({ x, y }, { epochs: 10, batchSize: 32 });
 * ```
 */
export class Trainer {
  /** The model trained, in place. */
  readonly model: Mlp;
  /** Its optimiser. */
  readonly optimizer: Optimizer;
  /** The loss minimised. */
  readonly loss: Loss;
  private lossGrad = new Float32Array(0);
  private xBatch = new Float32Array(0);
  private yBatch = new Float32Array(0);

  /** @throws TypeError naming the option */
  constructor(model: Mlp, options: TrainerOptions) {
    this.model = requireType(OWNER, 'model', model, (v) => !!v && typeof (v as Mlp).forward === 'function' && typeof (v as Mlp).backward === 'function', 'an Mlp');
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.optimizer = requireType(OWNER, 'optimizer', options.optimizer, (v) => !!v && typeof (v as Optimizer).step === 'function', 'an Optimizer (adam(), sgd())');
    this.loss = requireType(OWNER, 'loss', options.loss, (v) => !!v && typeof (v as Loss).compute === 'function', 'a Loss (mseLoss, l1Loss, huberLoss)');
  }

  /**
   * One step on the batch `x` [n, inputSize], `y` [n, outputSize].
   * @returns the batch loss before the update
   * @throws (rejects with) SpecMismatchError for a wrong shape; NonFiniteError for a non-finite value
   */
  step(x: Tensor, y: Tensor): Promise<number> {
    try {
      const rows = checkDataset(`${OWNER}.step`, { x, y }, this.model.inputSize, this.model.outputSize);
      return Promise.resolve(this.trainBatch(rows.x, rows.y, rows.count));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The synchronous step behind {@link step}, without shape checks: `x` holds `rows` packed input rows, `y` the
   * targets, `weights` optional per-row loss weights. Allocates nothing unless the batch is the largest yet.
   * @returns the batch loss before the update
   * @throws NonFiniteError (parameters unchanged) for a non-finite loss or gradient
   */
  trainBatch(x: Float32Array, y: Float32Array, rows: number, weights?: Float32Array): number {
    const model = this.model;
    const output = model.forward(x, rows);
    const width = model.outputSize;
    if (this.lossGrad.length < rows * width) this.lossGrad = new Float32Array(rows * width);
    const value = this.loss.compute(output, y, rows, width, this.lossGrad, weights);
    if (!Number.isFinite(value)) throw new NonFiniteError(`${OWNER}: the ${this.loss.name} loss is ${value}; the parameters were not updated`);
    model.backward(this.lossGrad);
    this.optimizer.step(model.params, model.grads);
    return value;
  }

  /**
   * The mean loss of the model on `x`, `y` (no update).
   * @throws SpecMismatchError for a wrong shape; NonFiniteError for a non-finite value
   */
  evaluate(x: Tensor, y: Tensor): number {
    const rows = checkDataset(`${OWNER}.evaluate`, { x, y }, this.model.inputSize, this.model.outputSize);
    return this.evaluateRows(rows);
  }

  /**
   * Trains for `epochs` passes over `data` in batches of `batchSize`, handing the event loop back every few ms.
   * @returns the loss of each epoch, and the validation loss when asked
   * @throws (rejects with) TypeError/RangeError naming a bad option; SpecMismatchError for a wrong shape;
   *   NonFiniteError for a non-finite value
   */
  async fit(data: Dataset, options: FitOptions): Promise<FitHistory> {
    const owner = `${OWNER}.fit`;
    const all = checkDataset(owner, data, this.model.inputSize, this.model.outputSize);
    requireType(owner, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    const epochs = requireInteger(owner, 'epochs', options.epochs, 1);
    const batchSize = requireInteger(owner, 'batchSize', options.batchSize, 1);
    const shuffle = requireType<boolean>(owner, 'shuffle', options.shuffle ?? true, (v) => typeof v === 'boolean', 'a boolean');
    const random = new SeededRandom(options.seed === undefined ? randomSeed() : requireNumber(owner, 'seed', options.seed));
    const { train, validation } = this.split(owner, all, options.validation);
    const history: FitHistory = validation ? { loss: [], validationLoss: [] } : { loss: [] };
    const order = Uint32Array.from({ length: train.count }, (_, i) => i);
    let lastYield = performance.now();
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (shuffle) random.shuffle(order);
      let sum = 0;
      for (let from = 0; from < train.count; from += batchSize) {
        const count = Math.min(batchSize, train.count - from);
        sum += count * this.trainRows(train, order, from, count);
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      history.loss.push(sum / train.count);
      if (validation) history.validationLoss!.push(this.evaluateRows(validation));
    }
    return history;
  }

  private split(owner: string, all: Rows, validation: Dataset | number | undefined): { train: Rows; validation?: Rows } {
    if (validation === undefined) return { train: all };
    if (typeof validation === 'number') {
      requireNumber(owner, 'validation', validation, 0, 1, true);
      const held = Math.ceil(all.count * validation);
      if (validation >= 1 || held >= all.count) throw new RangeError(`${owner}: option 'validation' must be a fraction in (0, 1) leaving rows to train on, got ${validation} of ${all.count} rows`);
      return { train: sliceRows(all, 0, all.count - held), validation: sliceRows(all, all.count - held, all.count) };
    }
    return { train: all, validation: checkDataset(`${owner}: option 'validation'`, validation, this.model.inputSize, this.model.outputSize) };
  }

  private trainRows(rows: Rows, order: Uint32Array, from: number, count: number): number {
    const { inputSize, outputSize } = this.model;
    if (this.xBatch.length < count * inputSize) {
      this.xBatch = new Float32Array(count * inputSize);
      this.yBatch = new Float32Array(count * outputSize);
    }
    gatherRows(rows.x, inputSize, order, from, count, this.xBatch);
    gatherRows(rows.y, outputSize, order, from, count, this.yBatch);
    return this.trainBatch(this.xBatch, this.yBatch, count);
  }

  private evaluateRows(rows: Rows): number {
    const width = this.model.outputSize;
    const output = this.model.forward(rows.x, rows.count);
    if (this.lossGrad.length < rows.count * width) this.lossGrad = new Float32Array(rows.count * width);
    const value = this.loss.compute(output, rows.y, rows.count, width, this.lossGrad);
    if (!Number.isFinite(value)) throw new NonFiniteError(`${OWNER}: the ${this.loss.name} loss is ${value}`);
    return value;
  }
}
