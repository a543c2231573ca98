/** Losses: the value of a batch and its gradient with respect to the predictions, in one pass. */
import { requireNumber } from '../collaborator/options.js';

/**
 * A loss over a batch of `rows` predictions of `width` values each, averaged over every element (PyTorch's
 * `reduction='mean'`). With per-row `weights`, rows count in proportion to their weight:
 * `sum_i w_i * sum_j l(p_ij, t_ij) / (width * sum_i w_i)`.
 */
export interface Loss {
  /** Name used in messages and saved metadata. */
  readonly name: string;
  /**
   * Returns the loss and writes dLoss/dPrediction into `grad` (same layout as `prediction`, first `rows * width` values).
   * @param weights - optional per-row weights (> 0), first `rows` values
   */
  compute(prediction: Float32Array, target: Float32Array, rows: number, width: number, grad: Float32Array, weights?: Float32Array): number;
}

/** Builds a {@link Loss} from the element loss and its derivative in the difference `d = prediction - target`. */
function elementwiseLoss(name: string, value: (d: number) => number, slope: (d: number) => number): Loss {
  return Object.freeze({
    name,
    compute(prediction: Float32Array, target: Float32Array, rows: number, width: number, grad: Float32Array, weights?: Float32Array): number {
      let totalWeight = 0;
      if (weights) for (let i = 0; i < rows; i++) totalWeight += weights[i];
      else totalWeight = rows;
      const scale = 1 / (totalWeight * width);
      let sum = 0;
      for (let i = 0, e = 0; i < rows; i++) {
        const w = weights ? weights[i] : 1;
        const s = w * scale;
        let rowSum = 0;
        for (let j = 0; j < width; j++, e++) {
          const d = prediction[e] - target[e];
          rowSum += value(d);
          grad[e] = s * slope(d);
        }
        sum += w * rowSum;
      }
      return sum * scale;
    },
  });
}

/** Mean squared error, the seed's objective `mean (A - H)^2`; gradient `2 (A - H) / count`. */
export const mseLoss: Loss = elementwiseLoss('mse', (d) => d * d, (d) => 2 * d);

/** Mean absolute error `mean |A - H|`; gradient `sign(A - H) / count` (0 where equal). */
export const l1Loss: Loss = elementwiseLoss('l1', Math.abs, Math.sign);

/**
 * The Huber loss with threshold `delta` (> 0): `d^2 / 2` for `|d| <= delta`, else `delta (|d| - delta / 2)`,
 * averaged (PyTorch's HuberLoss). Quadratic near the target, linear (robust to outliers) far from it.
 * @throws RangeError naming `delta` unless a finite number > 0
 */
export function createHuberLoss(delta: number): Loss {
  requireNumber('createHuberLoss', 'delta', delta, 0, Infinity, true);
  return elementwiseLoss(
    delta === 1 ? 'huber' : `huber(${delta})`,
    (d) => (Math.abs(d) <= delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta)),
    (d) => (d > delta ? delta : d < -delta ? -delta : d),
  );
}

/** The Huber loss with `delta = 1` (see {@link createHuberLoss}). */
export const huberLoss: Loss = createHuberLoss(1);
