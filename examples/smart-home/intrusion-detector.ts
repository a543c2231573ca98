/**
 * The intrusion detector: a small MLP models the normal movement in the flat (where people walk, which way, how
 * fast; movement-model.ts) and each person's prediction error, smoothed, is the anomaly score. Features per person:
 * position (x, z) and velocity (x, z), normalised, from their MotionSensor; the model predicts the velocity from
 * the position.
 *
 * Given pretrained weights ({@link IntrusionDetector.loadPretrained}: assets/weights/, trained by
 * scripts/train-smart-home.ts on simulated normal routes) it scores from the first frame; without them it learns
 * the normal movement from the first minute of observations. Either way it then keeps learning online, as idle
 * tasks, from the movement it judges normal.
 */
import { Observable } from '@babylonjs/core/Misc/observable.js';
import { adam, Mlp, mseLoss, Trainer, type FrameScheduler, type WeightFileHeader, type WeightStore } from 'babylon-collaborator';
import { frameError, MARGIN, MOVEMENT_MODEL, smooth } from './movement-model.js';

/** Scene seconds of normal movement learned from when there are no pretrained weights. */
export const LEARN_SECONDS = 60;
/** Training steps (batches of 32) the model gets at least before it scores, learning from scratch. */
const MIN_STEPS = 300;
const BATCH = 32;
/** Frames of normal movement kept to train on (the oldest are replaced once learned). */
const CAPACITY = 4000;
/** Adam's learning rate from scratch, and once learned (online fine-tuning). */
const LEARNING_RATE = 1e-2;
const TUNING_RATE = 1e-3;
/** Once learned, one training step per this many new frames judged normal. */
const FRAMES_PER_STEP = 8;

/** Each tracked person's features [x, z, vx, vz] in the frames since the last observation, oldest first; none while absent. */
export type Tracks = Record<string, Float32Array[]>;

/** Thrown by {@link IntrusionDetector.loadPretrained} when the weights' metadata lacks a usable alert threshold. */
export class DetectorWeightsError extends Error {
  override readonly name = 'DetectorWeightsError';
}

export class IntrusionDetector {
  /** Fires with the mean batch loss of every ten training steps. */
  readonly onLossObservable = new Observable<number>();
  /** Fires with the anomaly score after each scoring task. */
  readonly onScoreObservable = new Observable<number>();
  /** Smoothed error above which movement is anomalous; Infinity until learned. */
  threshold = Infinity;
  /** The highest smoothed error of the people present (0 while learning). */
  score = 0;
  /** Who has that error, or null. */
  suspect: string | null = null;
  /** Training steps taken (from scratch and online). */
  steps = 0;
  /** True once the model started from pretrained weights. */
  pretrained = false;

  private readonly model = Mlp.create(MOVEMENT_MODEL);
  private trainer = new Trainer(this.model, { optimizer: adam({ lr: LEARNING_RATE }), loss: mseLoss });
  private readonly rows: Float32Array[] = [];
  private readonly smoothed: Record<string, number> = {};
  private readonly x = new Float32Array(BATCH * 2);
  private readonly y = new Float32Array(BATCH * 2);
  private training = false;
  /** Online training steps earned by frames judged normal and not taken yet. */
  private credit = 0;
  private replaced = 0;

  constructor(private readonly scheduler: FrameScheduler) {}

  /** True once the model knows the normal movement and scores. */
  get learned(): boolean {
    return Number.isFinite(this.threshold);
  }

  /** Frames of normal movement collected (at most 4000 kept). */
  get samples(): number {
    return this.rows.length + this.replaced;
  }

  /**
   * Starts from pretrained weights: the model's parameters, its Adam state (training continues at a lower rate)
   * and the alert threshold in the metadata (`threshold`). It scores from then on.
   * @returns the weights' header, or null when `store` holds none (the detector then learns from scratch)
   * @throws (rejects with) WeightStoreError when the weights cannot be read, are for another model or lack their
   *   Adam state ('optimizer-mismatch');
   *   DetectorWeightsError when their metadata has no positive finite `threshold`. The detector is then unchanged.
   */
  async loadPretrained(store: WeightStore): Promise<WeightFileHeader | null> {
    const model = Mlp.create(MOVEMENT_MODEL);
    const optimizer = adam({ lr: TUNING_RATE });
    const header = await store.load(model, { optimizer });
    if (!header) return null;
    const threshold = header.metadata.threshold;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
      throw new DetectorWeightsError(`weights '${store.name}': metadata.threshold must be a positive number, got ${JSON.stringify(threshold)}`);
    }
    this.model.setParameters(model.params);
    this.trainer = new Trainer(this.model, { optimizer, loss: mseLoss });
    this.threshold = threshold;
    this.pretrained = true;
    return header;
  }

  /** Takes one observation of every tracked person, at `seconds` of scene time. */
  observe(tracks: Tracks, seconds: number): void {
    if (this.learned) {
      this.scheduler.schedule(() => this.scoreTracks(tracks), { name: 'detector.score', priority: 'normal' });
      return;
    }
    for (const frames of Object.values(tracks)) this.rows.push(...frames.slice(0, CAPACITY - this.rows.length));
    if (seconds >= LEARN_SECONDS && this.steps >= MIN_STEPS) this.calibrate();
    else this.startTraining();
  }

  /** Schedules training as an idle task unless it runs already or there is nothing to do. */
  private startTraining(): void {
    if (this.training || this.rows.length < BATCH || (this.learned && this.credit < 1)) return;
    this.training = true;
    this.scheduler.schedule(() => this.train(), { name: 'detector.train', priority: 'idle' });
  }

  /** One batch per slice, in the frames' left-over time: until learned, then while steps are earned. */
  private *train(): Generator<void, void> {
    let loss = 0;
    try {
      while (!this.learned || this.credit >= 1) {
        if (this.learned) this.credit--;
        for (let i = 0; i < BATCH; i++) {
          const row = this.rows[Math.floor(Math.random() * this.rows.length)]!;
          this.x.set(row.subarray(0, 2), i * 2);
          this.y.set(row.subarray(2, 4), i * 2);
        }
        loss += this.trainer.trainBatch(this.x, this.y, BATCH);
        if (++this.steps % 10 === 0) {
          this.onLossObservable.notifyObservers(loss / 10);
          loss = 0;
        }
        yield;
      }
    } finally {
      this.training = false; // at once, so the next observation can start training again
    }
  }

  /** Sets the threshold from the smoothed errors on the movement learned from; online training goes on slower. */
  private calibrate(): void {
    let smoothed = 0;
    let highest = 0;
    for (const row of this.rows) highest = Math.max(highest, (smoothed = smooth(smoothed, frameError(this.model, row))));
    this.threshold = MARGIN * highest;
    this.trainer = new Trainer(this.model, { optimizer: adam({ lr: TUNING_RATE }), loss: mseLoss });
  }

  /** Scores everyone; learns from the frames whose error and smoothed score are within the normal range. */
  private scoreTracks(tracks: Tracks): void {
    const normal = this.threshold / MARGIN;
    this.score = 0;
    this.suspect = null;
    for (const [name, frames] of Object.entries(tracks)) {
      let smoothed = frames.length ? this.smoothed[name] ?? 0 : 0;
      for (const frame of frames) {
        const error = frameError(this.model, frame);
        smoothed = smooth(smoothed, error);
        if (error <= normal && smoothed <= normal) this.keep(frame);
      }
      this.smoothed[name] = smoothed;
      if (smoothed > this.score) [this.score, this.suspect] = [smoothed, name];
    }
    this.onScoreObservable.notifyObservers(this.score);
    this.startTraining();
  }

  /** Keeps a frame of normal movement to train on, replacing the oldest when full, and earns training. */
  private keep(frame: Float32Array): void {
    if (this.rows.length < CAPACITY) this.rows.push(frame);
    else this.rows[this.replaced++ % CAPACITY] = frame;
    this.credit += 1 / FRAMES_PER_STEP;
  }
}
