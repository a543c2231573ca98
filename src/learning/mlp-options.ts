/** The options of {@link Mlp.create} and their validation. */
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import { ACTIVATIONS, type Activation } from './activation.js';

/** Weight initialisation schemes. Biases always start at 0. */
export type Initialization = 'he' | 'xavier';

/** Options of {@link Mlp.create}. Invalid values throw a TypeError or RangeError naming the option. */
export interface MlpOptions {
  /** Layer widths, input first: `[10, 20, 10]` is Linear(10, 20) then Linear(20, 10). At least 2 integers >= 1. */
  sizes: readonly number[];
  /** One activation per Linear layer (`sizes.length - 1` of them), applied after it. */
  activations: readonly Activation[];
  /** Seed of the initialisation: equal seeds give equal weights. @default a random seed */
  seed?: number;
  /**
   * Weight initialisation of every layer: `'he'` draws N(0, 2 / fanIn), `'xavier'` draws
   * U(-sqrt(6 / (fanIn + fanOut)), +sqrt(6 / (fanIn + fanOut))).
   * @default per layer: 'he' for relu and leakyRelu layers, 'xavier' for tanh, sigmoid and identity layers
   */
  init?: Initialization;
}

/** Options with every field checked. */
export interface CheckedMlpOptions {
  sizes: readonly number[];
  activations: readonly Activation[];
  seed: number | undefined;
  init: Initialization | undefined;
}

const OWNER = 'Mlp.create';

/** Validates {@link MlpOptions}. */
export function checkMlpOptions(options: MlpOptions): CheckedMlpOptions {
  requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
  const sizes = requireType<readonly number[]>(OWNER, 'sizes', options.sizes, (v) => Array.isArray(v) && v.length >= 2, 'an array of at least 2 layer sizes');
  sizes.forEach((s, i) => requireInteger(OWNER, `sizes[${i}]`, s, 1));
  const activations = requireType<readonly Activation[]>(OWNER, 'activations', options.activations,
    (v) => Array.isArray(v) && v.length === sizes.length - 1, `an array of ${sizes.length - 1} activations (one per layer)`);
  activations.forEach((a, i) => requireType(OWNER, `activations[${i}]`, a, (v) => ACTIVATIONS.includes(v as Activation), `one of ${ACTIVATIONS.join(', ')}`));
  const seed = options.seed === undefined ? undefined : requireNumber(OWNER, 'seed', options.seed);
  const init = options.init === undefined ? undefined
    : requireType<Initialization>(OWNER, 'init', options.init, (v) => v === 'he' || v === 'xavier', "'he' or 'xavier'");
  return { sizes: Object.freeze([...sizes]), activations: Object.freeze([...activations]), seed, init };
}
