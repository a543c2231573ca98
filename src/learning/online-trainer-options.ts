/** The options of {@link OnlineTrainer} and their validation. */
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import { MlpPolicy } from '../collaborator/mlp-policy.js';
import type { FrameScheduler } from '../scheduler/frame-scheduler.js';
import { FeedbackBuffer, type SampleOptions } from './feedback-buffer.js';
import type { Loss } from './loss.js';
import type { Optimizer } from './optimizer.js';

/** Options of {@link OnlineTrainer}. Invalid values throw a TypeError or RangeError naming the option. */
export interface OnlineTrainerOptions {
  /** Updates the trainer's working copy of the model. */
  optimizer: Optimizer;
  /** What is minimised between the network's output and the human's action, e.g. {@link mseLoss}. */
  loss: Loss;
  /** Where corrections are kept and sampled from. */
  buffer: FeedbackBuffer;
  /** Runs the training as idle-priority generator tasks within its frame budget. */
  scheduler: FrameScheduler;
  /**
   * The policy to swap improved weights into; its `model` must be the trainer's model.
   * @default the attached behaviour's policy when it is an MlpPolicy of this model; otherwise the weights are
   *   copied into the model itself (between scheduler slices, so never during a decide())
   */
  policy?: MlpPolicy;
  /** Rows per training step (fewer while the buffer holds fewer records), integer >= 1. @default 32 */
  batchSize?: number;
  /** Training steps queued by each correction, integer >= 1. @default 100 */
  stepsPerFeedback?: number;
  /** A slice runs steps until this many ms have passed (at least one step), then yields, > 0. @default 0.5 */
  sliceMs?: number;
  /** How training batches are drawn from the buffer. @default { mode: 'recency', halfLife: 32 } */
  sampling?: SampleOptions;
  /** An action dimension agrees when within this distance of the human's, >= 0. @default 0.1 */
  tolerance?: number;
  /** Recent decisions the agreement is measured over, integer >= 1. @default 20 */
  agreementWindow?: number;
  /** Newest records the published and the candidate weights are compared on, integer >= 1. @default 64 */
  evaluationSize?: number;
}

/** Options with defaults applied. */
export interface ResolvedOnlineTrainerOptions {
  optimizer: Optimizer;
  loss: Loss;
  buffer: FeedbackBuffer;
  scheduler: FrameScheduler;
  policy: MlpPolicy | undefined;
  batchSize: number;
  stepsPerFeedback: number;
  sliceMs: number;
  sampling: SampleOptions;
  tolerance: number;
  agreementWindow: number;
  evaluationSize: number;
}

const OWNER = 'OnlineTrainer';

/** Validates {@link OnlineTrainerOptions} and applies defaults. */
export function resolveOnlineTrainerOptions(options: OnlineTrainerOptions): ResolvedOnlineTrainerOptions {
  requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
  return {
    optimizer: requireType(OWNER, 'optimizer', options.optimizer, (v) => !!v && typeof (v as Optimizer).step === 'function', 'an Optimizer (adam(), sgd())'),
    loss: requireType(OWNER, 'loss', options.loss, (v) => !!v && typeof (v as Loss).compute === 'function', 'a Loss'),
    buffer: requireType(OWNER, 'buffer', options.buffer, (v) => v instanceof FeedbackBuffer, 'a FeedbackBuffer'),
    scheduler: requireType(OWNER, 'scheduler', options.scheduler, (v) => !!v && typeof (v as FrameScheduler).schedule === 'function', 'a FrameScheduler'),
    policy: options.policy === undefined ? undefined : requireType(OWNER, 'policy', options.policy, (v) => v instanceof MlpPolicy, 'an MlpPolicy'),
    batchSize: requireInteger(OWNER, 'batchSize', options.batchSize ?? 32, 1),
    stepsPerFeedback: requireInteger(OWNER, 'stepsPerFeedback', options.stepsPerFeedback ?? 100, 1),
    sliceMs: requireNumber(OWNER, 'sliceMs', options.sliceMs ?? 0.5, 0, Infinity, true),
    sampling: requireType(OWNER, 'sampling', options.sampling ?? { mode: 'recency', halfLife: 32 }, (v) => typeof v === 'object' && v !== null, 'sample options'),
    tolerance: requireNumber(OWNER, 'tolerance', options.tolerance ?? 0.1, 0),
    agreementWindow: requireInteger(OWNER, 'agreementWindow', options.agreementWindow ?? 20, 1),
    evaluationSize: requireInteger(OWNER, 'evaluationSize', options.evaluationSize ?? 64, 1),
  };
}
