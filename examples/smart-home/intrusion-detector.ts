/**
 * The intrusion detector: a small MLP learns the normal movement in the flat (where people walk, which way,
 * how fast) from the first minute of observations, as idle tasks; afterwards each person's prediction error,
 * smoothed, is the anomaly score. Features per person: position (x, z) and velocity (x, z), normalised, from their
 * MotionSensor; the model predicts the velocity from the position.
 */
import { Observable } from '@babylonjs/core/Misc/observable.js';
import { adam, Mlp, mseLoss, Trainer, type FrameScheduler } from 'babylon-collaborator';

/** Scene seconds of normal movement learned from. */
export const LEARN_SECONDS = 60;
/** Training steps (batches of 32) the model gets at least before it scores. */
const MIN_STEPS = 300;
const BATCH = 32;
const CAPACITY = 4000;
/** Smoothing of the per-person error (exponential moving average weight of the newest frame). */
const SMOOTHING = 0.15;
/** The alert threshold is this many times the largest smoothed error met on the normal movement. */
const MARGIN = 2.5;

/** Each tracked person's features [x, z, vx, vz] in the frames since the last observation, oldest first; none while absent. */
export type Tracks = Record<string, Float32Array[]>;

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
  steps = 0;

  private readonly model = Mlp.create({ sizes: [2, 32, 32, 2], activations: ['tanh', 'tanh', 'identity'], seed: 7 });
  private readonly trainer = new Trainer(this.model, { optimizer: adam({ lr: 1e-2 }), loss: mseLoss });
  private readonly rows: Float32Array[] = [];
  private readonly smoothed: Record<string, number> = {};
  private readonly x = new Float32Array(BATCH * 2);
  private readonly y = new Float32Array(BATCH * 2);
  private training = false;

  constructor(private readonly scheduler: FrameScheduler) {}

  /** True once the model has learned the normal movement and scores. */
  get learned(): boolean {
    return Number.isFinite(this.threshold);
  }

  /** Samples of normal movement collected. */
  get samples(): number {
    return this.rows.length;
  }

  /** Takes one observation of every tracked person, at `seconds` of scene time. */
  observe(tracks: Tracks, seconds: number): void {
    if (this.learned) {
      this.scheduler.schedule(() => this.scoreTracks(tracks), { name: 'detector.score', priority: 'normal' });
      return;
    }
    for (const frames of Object.values(tracks)) this.rows.push(...frames.slice(0, CAPACITY - this.rows.length));
    if (seconds >= LEARN_SECONDS && this.steps >= MIN_STEPS) this.calibrate();
    else if (!this.training && this.rows.length >= BATCH) {
      this.training = true;
      this.scheduler.schedule(() => this.train(), { name: 'detector.train', priority: 'idle' });
    }
  }

  /** One batch per slice, in the frames' left-over time, until the model has learned. */
  private *train(): Generator<void, void> {
    let loss = 0;
    while (!this.learned) {
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
  }

  private error(row: Float32Array): number {
    const out = this.model.forward(row.subarray(0, 2), 1);
    return (out[0]! - row[2]!) ** 2 + (out[1]! - row[3]!) ** 2;
  }

  /** Sets the threshold from the smoothed errors on the movement learned from. */
  private calibrate(): void {
    let smoothed = 0;
    let highest = 0;
    for (const row of this.rows) highest = Math.max(highest, (smoothed += SMOOTHING * (this.error(row) - smoothed)));
    this.threshold = MARGIN * highest;
  }

  private scoreTracks(tracks: Tracks): void {
    this.score = 0;
    this.suspect = null;
    for (const [name, frames] of Object.entries(tracks)) {
      let smoothed = frames.length ? this.smoothed[name] ?? 0 : 0;
      for (const frame of frames) smoothed += SMOOTHING * (this.error(frame) - smoothed);
      this.smoothed[name] = smoothed;
      if (smoothed > this.score) [this.score, this.suspect] = [smoothed, name];
    }
    this.onScoreObservable.notifyObservers(this.score);
  }
}
