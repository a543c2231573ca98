/** The optimiser contract shared by {@link adam} and {@link sgd}, and their gradient clipping. */
import { NonFiniteError } from './errors.js';

/** An optimiser's state: what a {@link WeightStore} saves to resume training where it stopped. */
export interface OptimizerState {
  /** The optimiser's kind, e.g. `'adam'`. */
  readonly kind: string;
  /** Steps taken. */
  readonly steps: number;
  /** Per-parameter buffers (Adam: first and second moments; SGD: velocity), empty before the first step. */
  readonly slots: readonly Float32Array[];
}

/**
 * Updates a flat parameter buffer from the flat gradient buffer of the same layout, in one loop.
 * Holds per-parameter state: one optimiser serves one model.
 */
export interface Optimizer {
  /** The kind, e.g. `'adam'`. */
  readonly kind: string;
  /** The settings it was created with (for messages and saved metadata). */
  readonly config: Readonly<Record<string, number>>;
  /** Steps taken so far. */
  readonly steps: number;
  /**
   * One update of `params` in place from `grads`. Clips `grads` in place first when `clipNorm` is set.
   * @throws NonFiniteError (params untouched) when a gradient is not finite; RangeError when the buffer length
   *   differs from the one of the first step
   */
  step(params: Float32Array, grads: Float32Array): void;
  /** A copy of the state. */
  state(): OptimizerState;
  /**
   * Restores a state from {@link state} (copied).
   * @throws TypeError when the kind differs or the slots do not fit
   */
  loadState(state: OptimizerState): void;
  /** Forgets every step: state as new. */
  reset(): void;
}

/**
 * Checks that every gradient is finite and, when `clipNorm` is set and the global L2 norm exceeds it, scales
 * all of them by `clipNorm / norm` (PyTorch's clip_grad_norm_). Returns the norm before clipping.
 * @throws NonFiniteError naming `owner`
 */
export function clipGradients(grads: Float32Array, clipNorm: number | undefined, owner: string): number {
  let squares = 0;
  for (let i = 0; i < grads.length; i++) squares += grads[i] * grads[i];
  const norm = Math.sqrt(squares);
  if (!Number.isFinite(norm)) throw new NonFiniteError(`${owner}: a gradient is not finite (norm ${norm}); the parameters were not updated`);
  if (clipNorm !== undefined && norm > clipNorm) {
    const scale = clipNorm / norm;
    for (let i = 0; i < grads.length; i++) grads[i] *= scale;
  }
  return norm;
}

/** Per-parameter slots, allocated on the first step and checked on every other. */
export class Slots {
  buffers: Float32Array[] = [];

  constructor(private readonly owner: string, private readonly count: number) {}

  /** The slots for a buffer of `length` parameters. */
  for(length: number): Float32Array[] {
    if (this.buffers.length === 0) this.buffers = Array.from({ length: this.count }, () => new Float32Array(length));
    else if (this.buffers[0].length !== length) {
      throw new RangeError(`${this.owner}: this optimiser serves a model of ${this.buffers[0].length} parameters, got ${length}; create one optimiser per model`);
    }
    return this.buffers;
  }

  /** Restores `slots` (copied) after checking their number and equal lengths. */
  load(kind: string, state: OptimizerState): void {
    if (state?.kind !== kind) throw new TypeError(`${this.owner}.loadState: expected a '${kind}' state, got '${String(state?.kind)}'`);
    if (!Number.isInteger(state.steps) || state.steps < 0) throw new TypeError(`${this.owner}.loadState: steps must be an integer >= 0, got ${state.steps}`);
    const { slots } = state;
    const fits = Array.isArray(slots) && (slots.length === 0 || (slots.length === this.count &&
      slots.every((s) => s instanceof Float32Array && s.length === slots[0].length)));
    if (!fits) throw new TypeError(`${this.owner}.loadState: expected ${this.count} Float32Array slots of equal length`);
    this.buffers = slots.map((s) => Float32Array.from(s));
  }
}
