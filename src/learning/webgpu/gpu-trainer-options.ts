/** Options of {@link GpuTrainer}, and how its optimiser and loss are read for the GPU. */
import { requireType } from '../../collaborator/options.js';
import type { DeviceOptions } from '../../runtime/webgpu/device.js';
import type { Loss } from '../loss.js';
import type { Optimizer } from '../optimizer.js';
import type { AdamSettings } from './adam-kernels.js';
import type { GpuLoss } from './loss-kernel.js';

/** Options of {@link GpuTrainer.create}: those of {@link Trainer} plus where the GPU device comes from. */
export interface GpuTrainerOptions extends DeviceOptions {
  /**
   * An {@link adam} optimiser: its settings (lr, betas, eps, weightDecay, clipNorm) and its state (steps and
   * moments, if it has stepped) are taken at creation; {@link GpuTrainer.readParameters} writes the state back.
   */
  readonly optimizer: Optimizer;
  /** {@link mseLoss}, {@link l1Loss}, {@link huberLoss} or a {@link createHuberLoss} loss. */
  readonly loss: Loss;
  /** The prefix of every GPU object's label. @default 'babylon-collaborator trainer' */
  readonly label?: string;
}

/** The checked options. */
export interface CheckedGpuTrainerOptions {
  readonly adam: AdamSettings;
  readonly loss: GpuLoss;
  readonly label: string;
}

const HUBER = /^huber\((.+)\)$/;

/** The GPU form of one of loss.ts's losses (recognised by name), or undefined. */
function gpuLoss(loss: Loss): GpuLoss | undefined {
  if (loss.name === 'mse' || loss.name === 'l1') return { kind: loss.name };
  if (loss.name === 'huber') return { kind: 'huber', delta: 1 };
  const delta = Number(HUBER.exec(loss.name)?.[1]);
  return delta > 0 ? { kind: 'huber', delta } : undefined;
}

/**
 * Checks the options of {@link GpuTrainer.create}.
 * @throws TypeError naming `options`, `optimizer` (not an adam() optimiser) or `loss` (not one of loss.ts's)
 */
export function checkGpuTrainerOptions(owner: string, options: GpuTrainerOptions): CheckedGpuTrainerOptions {
  requireType(owner, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
  const optimizer = requireType<Optimizer>(owner, 'optimizer', options.optimizer,
    (v) => !!v && (v as Optimizer).kind === 'adam' && typeof (v as Optimizer).config === 'object', 'an adam() optimiser (the GPU trainer runs Adam only)');
  requireType(owner, 'loss', options.loss, (v) => !!v && typeof (v as Loss).name === 'string' && gpuLoss(v as Loss) !== undefined,
    'mseLoss, l1Loss, huberLoss or createHuberLoss(delta)');
  const { lr, beta1, beta2, eps, weightDecay, clipNorm } = optimizer.config;
  return {
    adam: { lr, beta1, beta2, eps, weightDecay, clipNorm },
    loss: gpuLoss(options.loss)!,
    label: requireType<string>(owner, 'label', options.label ?? 'babylon-collaborator trainer', (v) => typeof v === 'string', 'a string'),
  };
}
