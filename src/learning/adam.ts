import { requireNumber, requireType } from '../collaborator/options.js';
import { clipGradients, Slots, type Optimizer, type OptimizerState } from './optimizer.js';

/** Options of {@link adam}. Invalid values throw a RangeError naming the option and the value. */
export interface AdamOptions {
  /** Learning rate, > 0. */
  lr: number;
  /** Decay of the first moment, in [0, 1). @default 0.9 */
  beta1?: number;
  /** Decay of the second moment, in [0, 1). @default 0.999 */
  beta2?: number;
  /** Added to the denominator, > 0. @default 1e-8 */
  eps?: number;
  /**
   * L2 regularisation, >= 0: `weightDecay * param` is added to each gradient after clipping and before the
   * moments (PyTorch `Adam(weight_decay=...)`, not the decoupled AdamW), on every parameter, biases included.
   * @default 0
   */
  weightDecay?: number;
  /** Clip the global L2 norm of the gradient to this value (> 0) before each step. @default no clipping */
  clipNorm?: number;
}

const OWNER = 'adam';

/**
 * The Adam optimiser (Kingma and Ba) with bias correction, as PyTorch's `torch.optim.Adam`:
 * `m = b1 m + (1 - b1) g`, `v = b2 v + (1 - b2) g^2`, `p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)`.
 * @throws TypeError or RangeError naming the option and the value
 */
export function adam(options: AdamOptions): Optimizer {
  requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
  const lr = requireNumber(OWNER, 'lr', options.lr, 0, Infinity, true);
  const beta1 = requireNumber(OWNER, 'beta1', options.beta1 ?? 0.9, 0, 1 - Number.EPSILON);
  const beta2 = requireNumber(OWNER, 'beta2', options.beta2 ?? 0.999, 0, 1 - Number.EPSILON);
  const eps = requireNumber(OWNER, 'eps', options.eps ?? 1e-8, 0, Infinity, true);
  const weightDecay = requireNumber(OWNER, 'weightDecay', options.weightDecay ?? 0, 0);
  const clipNorm = options.clipNorm === undefined ? undefined : requireNumber(OWNER, 'clipNorm', options.clipNorm, 0, Infinity, true);
  return new Adam({ lr, beta1, beta2, eps, weightDecay, ...(clipNorm !== undefined && { clipNorm }) }, clipNorm);
}

class Adam implements Optimizer {
  readonly kind = 'adam';
  steps = 0;
  private readonly slots = new Slots(OWNER, 2);

  constructor(readonly config: Readonly<{ lr: number; beta1: number; beta2: number; eps: number; weightDecay: number }>, private readonly clipNorm: number | undefined) {
    Object.freeze(config);
  }

  step(params: Float32Array, grads: Float32Array): void {
    const [m, v] = this.slots.for(params.length);
    clipGradients(grads, this.clipNorm, 'adam.step');
    const { lr, beta1, beta2, eps, weightDecay } = this.config;
    const t = ++this.steps;
    const correction2 = Math.sqrt(1 - beta2 ** t);
    const stepSize = (lr * correction2) / (1 - beta1 ** t);
    const epsHat = eps * correction2; // sqrt(v / c2) + eps == (sqrt(v) + eps * sqrt(c2)) / sqrt(c2)
    const b1 = 1 - beta1;
    const b2 = 1 - beta2;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i] + weightDecay * params[i];
      const mi = (m[i] = beta1 * m[i] + b1 * g);
      const vi = (v[i] = beta2 * v[i] + b2 * g * g);
      params[i] -= (stepSize * mi) / (Math.sqrt(vi) + epsHat);
    }
  }

  state(): OptimizerState {
    return { kind: this.kind, steps: this.steps, slots: this.slots.buffers.map((s) => s.slice()) };
  }

  loadState(state: OptimizerState): void {
    this.slots.load(this.kind, state);
    this.steps = state.steps;
  }

  reset(): void {
    this.steps = 0;
    this.slots.buffers = [];
  }
}
