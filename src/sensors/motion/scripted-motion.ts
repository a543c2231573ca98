import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Nullable } from '@babylonjs/core/types.js';
import { requireNumber, requireType } from '../../collaborator/options.js';
import type { PositionSource } from '../motion-sensor.js';

/**
 * A scripted trajectory: writes the world position at time `t` (seconds) into `out`; returns false while the
 * scripted thing is absent (anything else, including nothing, means present).
 */
export type MotionScript = (t: number, out: Vector3) => boolean | void;

const OWNER = 'ScriptedMotion';

/**
 * Motion as a function of time, for headless tests, demos and replays: a person walking a path, a hand waving.
 * Its {@link position} is a {@link PositionSource} for {@link MotionSensor}, {@link PoseSensor} and
 * {@link GestureSensor}. Time moves only by {@link advance}, {@link seek}, or each frame of a scene it is attached
 * to ({@link attachToScene}), so runs are reproducible.
 */
export class ScriptedMotion {
  /** Reads the script at the current time; null while absent. Allocates nothing. */
  readonly position: PositionSource = () => (this.script(this.t[0], this.current) === false ? null : this.current);

  private readonly script: MotionScript;
  private readonly current = new Vector3();
  /** The time in seconds (a typed array stores it without allocating). */
  private readonly t = new Float64Array(1);
  private observer: Nullable<Observer<Scene>> = null;
  private scene: Scene | null = null;

  /** @throws TypeError or RangeError naming the option and the value. */
  constructor(script: MotionScript, startTime = 0) {
    this.script = requireType(OWNER, 'script', script, (v) => typeof v === 'function', 'a function (t, out) => boolean | void');
    this.t[0] = requireNumber(OWNER, 'startTime', startTime);
  }

  /** The script's time in seconds. */
  get time(): number {
    return this.t[0];
  }

  /** Moves time forward by `seconds` (a finite number >= 0). */
  advance(seconds: number): void {
    this.t[0] += requireNumber(OWNER, 'seconds', seconds, 0);
  }

  /** Sets the time to `seconds`. */
  seek(seconds: number): void {
    this.t[0] = requireNumber(OWNER, 'seconds', seconds);
  }

  /**
   * Advances by the frame time before each render of `scene` (16 ms when `scene.useConstantAnimationDeltaTime`, as
   * the collaborators' clock does) until {@link detach} or {@link dispose}.
   */
  attachToScene(scene: Scene): void {
    this.detach();
    this.scene = scene;
    this.observer = scene.onBeforeRenderObservable.add(() => {
      this.t[0] += (scene.useConstantAnimationDeltaTime ? 16 : scene.deltaTime || scene.getEngine().getDeltaTime()) / 1000;
    });
  }

  /** Stops following the scene's frames. */
  detach(): void {
    if (this.scene && this.observer) this.scene.onBeforeRenderObservable.remove(this.observer);
    this.scene = null;
    this.observer = null;
  }

  /** Detaches. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
  }
}
