import { requireNumber, requireType } from '../collaborator/options.js';
import { clipGradients, Slots, type Optimizer, type OptimizerState } from './optimizer.js';

/** Options of {@link sgd}. Invalid values throw a RangeError naming the option and the value. */
export interface SgdOptions {
  /** Learning rate, > 0. */
  lr: number;
  /** Momentum in [0, 1): `velocity = momentum * velocity + g; p -= lr * velocity` (PyTorch's form). @default 0 */
  momentum?: number;
  /** L2 regularisation, >= 0: `weightDecay * param` is added to each gradient after clipping, on every parameter. @default 0 */
  weightDecay?: number;
  /** Clip the global L2 norm of the gradient to this value (> 0) before each step. @default no clipping */
  clipNorm?: number;
}

const OWNER = 'sgd';

/**
 * Stochastic gradient descent with optional momentum, as PyTorch's `torch.optim.SGD` (no dampening, no Nesterov).
 * @throws TypeError or RangeError naming the option and the value
 */
export function sgd(options: SgdOptions): Optimizer {
  requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
  const lr = requireNumber(OWNER, 'lr', options.lr, 0, Infinity, true);
  const momentum = requireNumber(OWNER, 'momentum', options.momentum ?? 0, 0, 1 - Number.EPSILON);
  const weightDecay = requireNumber(OWNER, 'weightDecay', options.weightDecay ?? 0, 0);
  const clipNorm = options.clipNorm === undefined ? undefined : requireNumber(OWNER, 'clipNorm', options.clipNorm, 0, Infinity, true);
  return new Sgd({ lr, momentum, weightDecay, ...(clipNorm !== undefined && { clipNorm }) }, clipNorm);
}

class Sgd implements Optimizer {
  readonly kind = 'sgd';
  steps = 0;
  private readonly slots = new Slots(OWNER, 1);

  constructor(readonly config: Readonly<{ lr: number; momentum: number; weightDecay: number }>, private readonly clipNorm: number | undefined) {
    Object.freeze(config);
  }

  step(params: Float32Array, grads: Float32Array): void {
    const [velocity] = this.slots.for(params.length);
    clipGradients(grads, this.clipNorm, 'sgd.step');
    const { lr, momentum, weightDecay } = this.config;
    const first = this.steps++ === 0;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i] + weightDecay * params[i];
      const vi = (velocity[i] = first ? g : momentum * velocity[i] + g);
      params[i] -= lr * vi;
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
