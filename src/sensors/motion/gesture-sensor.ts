import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { ObservationSpec } from '../../collaborator/observation-spec.js';
import { requireType } from '../../collaborator/options.js';
import { isPositionSource, readPosition, type PositionSource } from '../motion-sensor.js';
import type { Sensor } from '../sensor.js';
import { checkWriteRange } from '../write-range.js';
import { GestureWindow, type GestureWindowOptions } from './gesture-window.js';

/** Options of {@link GestureSensor}. Every option is validated by the constructor. */
export interface GestureSensorOptions extends GestureWindowOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'gesture' */
  name?: string;
  /** The hand (required): a node, an XR joint ({@link XRInputTracker.joint}) or a {@link ScriptedMotion}'s position. */
  hand: PositionSource;
  /** The shoulder of that arm (required): pointing and waving are measured from it. */
  shoulder: PositionSource;
}

const OWNER = 'GestureSensor';

/**
 * Recognises a person's wave and point with one hand over a sliding window ({@link GestureWindow}), relative to the
 * agent: the shoulder-to-hand vector is rotated into the agent's frame (x right, y up, z forward), so the lateral
 * axis of a wave is the agent's x, as seen by an agent facing the person.
 *
 * Each {@link sample} (every frame under a behaviour) adds the hand at the behaviour's clock; {@link update} adds one
 * at wall-clock time when no sample came since the previous update (headless use), then computes the features.
 * Under a behaviour nothing is allocated per frame.
 * When the hand or the shoulder is absent the window is emptied.
 *
 * Observation: `vector(9)`, modality `'motion'`:
 * `[present, waveScore, waveFrequency / waveMaxHz (clamped to 1), waveAmplitude / armLength (clamped to 1),
 * pointScore, extension, pointX, pointY, pointZ]` (the pointing direction, a unit vector in the agent's frame).
 */
export class GestureSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** `vector(9)`, modality `'motion'`. */
  readonly spec = ObservationSpec.vector(9, 'motion');
  /** The window and its latest features. */
  readonly window: GestureWindow;

  private readonly hand: PositionSource;
  private readonly shoulder: PositionSource;
  private readonly observation = new Float32Array(9);
  private readonly handPos = new Vector3();
  private readonly shoulderPos = new Vector3();
  private readonly inverse = new Quaternion();
  /** [window time in seconds, wall-clock ms of the last headless frame or -1]: a typed array stores doubles without allocating. */
  private readonly clock = new Float64Array([0, -1]);
  private present = false;
  private sampledSinceUpdate = false;
  private agent: TransformNode | null = null;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: GestureSensorOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'gesture', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    this.hand = requireType<PositionSource>(OWNER, 'hand', options.hand, isPositionSource, 'a TransformNode or a function returning a Vector3 or null');
    this.shoulder = requireType<PositionSource>(OWNER, 'shoulder', options.shoulder, isPositionSource, 'a TransformNode or a function returning a Vector3 or null');
    this.window = new GestureWindow(options);
  }

  /** Perceives relative to `agent` from now on, with an empty window. */
  attach(agent: TransformNode): void {
    this.agent = agent;
    this.reset();
  }

  /** Stops perceiving for the current agent. */
  detach(): void {
    this.agent = null;
  }

  /** Adds the hand after `deltaSeconds` to the window. Does nothing while detached. */
  sample(deltaSeconds: number): void {
    if (!this.agent) return;
    this.sampledSinceUpdate = true;
    this.clock[1] = -1;
    this.takeFrame(this.agent, deltaSeconds);
  }

  /**
   * Adds a headless frame first if no sample came since the last update (dt: the wall-clock time since the previous
   * headless frame, 0 for the first), then computes the features. Throws an `InvalidStateError` DOMException unless attached.
   */
  update(): void {
    if (!this.agent) throw new DOMException(`${OWNER} '${this.name}': update() needs an attached agent`, 'InvalidStateError');
    if (!this.sampledSinceUpdate) {
      const now = performance.now();
      const dt = this.clock[1] < 0 ? 0 : (now - this.clock[1]) / 1000;
      this.clock[1] = now;
      this.takeFrame(this.agent, dt);
    }
    this.sampledSinceUpdate = false;
    this.computeObservation();
  }

  private takeFrame(agent: TransformNode, deltaSeconds: number): void {
    this.clock[0] += Math.max(0, deltaSeconds);
    if (!readPosition(this.hand, this.handPos) || !readPosition(this.shoulder, this.shoulderPos)) {
      if (this.present) this.window.clear();
      this.present = false;
      return;
    }
    this.present = true;
    agent.computeWorldMatrix(true);
    Quaternion.InverseToRef(agent.absoluteRotationQuaternion, this.inverse);
    this.handPos.subtractInPlace(this.shoulderPos).rotateByQuaternionToRef(this.inverse, this.handPos);
    this.window.push(this.clock[0], this.handPos.x, this.handPos.y, this.handPos.z);
  }

  private computeObservation(): void {
    const w = this.window;
    w.compute();
    const o = this.observation;
    o[0] = this.present ? 1 : 0;
    o[1] = w.waveScore;
    o[2] = Math.min(1, w.waveFrequency / w.waveMaxHz);
    o[3] = Math.min(1, w.waveAmplitude / w.armLength);
    o[4] = w.pointScore;
    o[5] = w.extension;
    o[6] = w.pointDirection[0];
    o[7] = w.pointDirection[1];
    o[8] = w.pointDirection[2];
  }

  /** Writes the last {@link update}'s features; returns 9. */
  write(out: Float32Array, offset: number): number {
    checkWriteRange(OWNER, this.name, 9, out, offset);
    out.set(this.observation, offset);
    return 9;
  }

  /** Empties the window and the observation. */
  reset(): void {
    this.window.clear();
    this.observation.fill(0);
    this.present = false;
    this.clock[0] = 0;
    this.clock[1] = -1;
    this.sampledSinceUpdate = false;
  }

  /** Detaches. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
  }
}
