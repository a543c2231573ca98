import { encodedActionSize } from '../learning/action-encoding.js';
import { NonFiniteError } from '../learning/errors.js';
import { allFinite, type Mlp } from '../learning/mlp.js';
import { ActionSpec, type ActionBuffers } from './action-spec.js';
import { SpecMismatchError } from './errors.js';
import { requireType } from './options.js';
import type { DecisionBatch, Policy } from './policy.js';

/** Options of {@link MlpPolicy}. */
export interface MlpPolicyOptions {
  /**
   * What the policy decides. The network's outputs are the continuous actions first, then one block of logits
   * per discrete branch (the chosen action is the allowed one with the largest logit), so `model.outputSize`
   * must equal `continuousSize + sum of branch sizes`.
   * @default ActionSpec.continuous(model.outputSize)
   */
  actionSpec?: ActionSpec;
  /**
   * Clamp continuous actions to [-1, 1] (after the network's own last activation). For a smooth squash, give the
   * network a `tanh` last layer instead: training then sees the squash too.
   * @default true
   */
  clamp?: boolean;
}

const OWNER = 'MlpPolicy';

/**
 * A {@link Policy} that runs an {@link Mlp} on the CPU: one forward pass for the whole batch. Each agent's input
 * row is its sensors' observations concatenated in the batch's (name) order.
 *
 * Weights can be replaced while the app runs ({@link updateWeights}, used by OnlineTrainer): the new weights
 * are swapped in atomically at the start of the next `decide()`, which reads one weight snapshot for its batch.
 */
export class MlpPolicy implements Policy {
  /** What each decision contains. */
  readonly actionSpec: ActionSpec;
  /** The network deciding. */
  readonly model: Mlp;
  /** Whether continuous actions are clamped to [-1, 1]. */
  readonly clamp: boolean;
  private input = new Float32Array(0);
  private pending: Float32Array | null = null;
  private spare: Float32Array | null = null;
  private swaps = 0;
  private disposed = false;

  /**
   * @throws TypeError for a bad option; SpecMismatchError when the model's output size does not fit the action spec
   */
  constructor(model: Mlp, options: MlpPolicyOptions = {}) {
    this.model = requireType(OWNER, 'model', model, (v) => !!v && typeof (v as Mlp).forward === 'function' && Array.isArray((v as Mlp).sizes), 'an Mlp');
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.actionSpec = options.actionSpec === undefined ? ActionSpec.continuous(model.outputSize)
      : requireType(OWNER, 'actionSpec', options.actionSpec, (v) => v instanceof ActionSpec, 'an ActionSpec');
    this.clamp = requireType(OWNER, 'clamp', options.clamp ?? true, (v) => typeof v === 'boolean', 'a boolean');
    if (encodedActionSize(this.actionSpec) !== model.outputSize) {
      throw new SpecMismatchError(`${OWNER}: the model outputs ${model.outputSize} values but ${this.actionSpec} needs ${encodedActionSize(this.actionSpec)}`);
    }
  }

  /** Weight updates applied so far (swaps done at the start of a decide()). */
  get weightsVersion(): number {
    return this.swaps;
  }

  /**
   * Queues new weights (copied now) to be swapped in at the start of the next `decide()`; a later call before
   * that replaces them.
   * @throws RangeError for another parameter count; NonFiniteError for a value that is not finite
   */
  updateWeights(params: ArrayLike<number>): void {
    const count = this.model.parameterCount;
    if (!params || params.length !== count) throw new RangeError(`${OWNER}.updateWeights: expected ${count} parameters, got ${params?.length}`);
    if (!allFinite(params as Float32Array)) throw new NonFiniteError(`${OWNER}.updateWeights: a parameter is not finite`);
    const target = this.pending ?? this.spare ?? new Float32Array(count);
    target.set(params);
    this.pending = target;
    this.spare = null;
  }

  /**
   * Decides for every agent of the batch with one forward pass.
   * Rejects with a SpecMismatchError when the observations do not add up to the model's input size, a
   * NonFiniteError when an output is not finite, an Error after dispose().
   */
  decide(batch: DecisionBatch): Promise<ActionBuffers[]> {
    try {
      return Promise.resolve(this.decideNow(batch));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Releases the buffers; decide() rejects afterwards. Calling it twice is harmless. */
  dispose(): void {
    this.disposed = true;
    this.pending = this.spare = null;
    this.input = new Float32Array(0);
  }

  private decideNow(batch: DecisionBatch): ActionBuffers[] {
    if (this.disposed) throw new Error(`${OWNER}: decide() after dispose()`);
    if (this.pending) {
      this.spare = this.model.swapParameters(this.pending);
      this.pending = null;
      this.swaps++;
    }
    const params = this.model.params; // the snapshot this batch decides with
    const rows = batch.size;
    const width = this.model.inputSize;
    const input = this.gather(batch, rows, width);
    const output = this.model.forward(input, rows, params);
    const outWidth = this.model.outputSize;
    if (!allFinite(output, rows * outWidth)) throw new NonFiniteError(`${OWNER}: the model produced a value that is not finite`);
    const masks = batch.actionMasks?.data as Float32Array | undefined;
    const results: ActionBuffers[] = [];
    for (let i = 0; i < rows; i++) results.push(this.decode(output, i * outWidth, masks, i * this.actionSpec.maskSize));
    return results;
  }

  /** Concatenates each agent's sensor rows into the input matrix [rows, width]. */
  private gather(batch: DecisionBatch, rows: number, width: number): Float32Array {
    let total = 0;
    for (const t of batch.observations) total += rows === 0 ? 0 : t.size / rows;
    if (total !== width) {
      throw new SpecMismatchError(`${OWNER}: the batch's observations hold ${total} floats per agent but the model takes ${width}`);
    }
    if (this.input.length < rows * width) this.input = new Float32Array(rows * width);
    const input = this.input;
    let offset = 0;
    for (const t of batch.observations) {
      const data = t.data as Float32Array;
      const w = t.size / rows;
      for (let i = 0; i < rows; i++) input.set(data.subarray(i * w, (i + 1) * w), i * width + offset);
      offset += w;
    }
    return input;
  }

  private decode(output: Float32Array, at: number, masks: Float32Array | undefined, maskAt: number): ActionBuffers {
    const actions = this.actionSpec.createBuffers();
    const { continuous, discrete } = actions;
    for (let j = 0; j < continuous.length; j++) {
      const v = output[at + j];
      continuous[j] = this.clamp ? Math.min(1, Math.max(-1, v)) : v;
    }
    let logit = at + continuous.length;
    let mask = maskAt;
    this.actionSpec.discreteBranches.forEach((size, b) => {
      let best = -1;
      for (let k = 0; k < size; k++) {
        const allowed = !masks || masks[mask + k] !== 0;
        if (allowed && (best < 0 || output[logit + k] > output[logit + best])) best = k;
      }
      discrete[b] = best < 0 ? 0 : best;
      logit += size;
      mask += size;
    });
    return actions;
  }
}
