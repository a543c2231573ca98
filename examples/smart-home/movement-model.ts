/**
 * The intrusion detector's model of normal movement and its anomaly score, shared by the scene
 * (intrusion-detector.ts) and the pretraining script (scripts/train-smart-home.ts): a small MLP predicts a
 * person's velocity from their position; the squared prediction error of each frame, smoothed per person, is the
 * anomaly score.
 */
import type { Mlp, MlpOptions } from 'babylon-collaborator';
import type { Track } from './movement-data.js';

/** The model: position (x, z) in, velocity (vx, vz) out. */
export const MOVEMENT_MODEL: MlpOptions = { sizes: [2, 32, 32, 2], activations: ['tanh', 'tanh', 'identity'], seed: 7 };
/** Smoothing of the per-person error (exponential moving average weight of the newest frame). */
export const SMOOTHING = 0.15;
/** The alert threshold is this many times the largest smoothed error met on normal movement. */
export const MARGIN = 2.5;
/** The pretrained weights' name: `assets/weights/<name>.weights`. */
export const WEIGHTS_NAME = 'smart-home-movement';

/** The squared error of the velocity `model` predicts for `frame` [x, z, vx, vz]. */
export function frameError(model: Mlp, frame: Float32Array): number {
  const out = model.forward(frame.subarray(0, 2), 1);
  return (out[0]! - frame[2]!) ** 2 + (out[1]! - frame[3]!) ** 2;
}

/** The next smoothed error after a frame of error `error`. */
export function smooth(smoothed: number, error: number): number {
  return smoothed + SMOOTHING * (error - smoothed);
}

/** The highest smoothed error along a track, smoothing from 0 at its first frame as the scene does. */
export function peakScore(model: Mlp, track: Track): number {
  let smoothed = 0;
  let peak = 0;
  for (const frame of track) peak = Math.max(peak, (smoothed = smooth(smoothed, frameError(model, frame))));
  return peak;
}
