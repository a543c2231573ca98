import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { ObservationSpec } from '../collaborator/observation-spec.js';
import { SpecMismatchError } from '../collaborator/errors.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import type { Sensor } from './sensor.js';
import { checkAttach } from '../collaborator/attachment.js';

/**
 * Where something is: a node (absent while disabled or disposed), or a function returning its world position,
 * or null/undefined while it is absent (scripted people, tracked hands, a player who left).
 */
export type PositionSource = TransformNode | (() => Vector3 | null | undefined);

/** True when `v` can be used as a {@link PositionSource}. */
export function isPositionSource(v: unknown): boolean {
  return typeof v === 'function' || (typeof v === 'object' && v !== null && typeof (v as TransformNode).getAbsolutePosition === 'function');
}

/** Copies the world position of `source` into `out`; returns false (leaving `out` as it was) when it is absent. */
export function readPosition(source: PositionSource, out: Vector3): boolean {
  if (typeof source === 'function') {
    const p = source();
    if (!p) return false;
    out.copyFrom(p);
    return true;
  }
  if (source.isDisposed() || !source.isEnabled()) return false;
  source.computeWorldMatrix(true).getTranslationToRef(out);
  return true;
}

/** Options of {@link MotionSensor}. Every option is validated by the constructor. */
export interface MotionSensorOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'motion' */
  name?: string;
  /** What is tracked (required). */
  target: PositionSource;
  /** Number of frames observed, newest first; an integer >= 1. @default 4 */
  window?: number;
  /** Distance (world units) that maps to ±1; relative positions are divided by it and clamped. @default 10 */
  maxDistance?: number;
  /** Speed (world units per second) that maps to ±1; relative velocities are divided by it and clamped. @default 5 */
  maxSpeed?: number;
}

const OWNER = 'MotionSensor';
/** Floats per frame: position (3), velocity (3), present (1). */
const FRAME = 7;

/**
 * Perceives a tracked target's position and velocity relative to the agent, over the last `window` frames.
 *
 * Observation: `window` frames of 7 floats, the newest first:
 * - `[0, 3)`: (target − agent) world position, rotated into the agent's frame (x right, y up, z forward; world
 *   units, so the agent's scale does not count), divided by `maxDistance` and clamped to [−1, 1];
 * - `[3, 6)`: (target's − agent's world displacement) / dt over the frame, rotated into the agent's frame, divided by
 *   `maxSpeed` and clamped to [−1, 1]; 0 on the frame the target appears, and unchanged from the previous frame when
 *   dt <= 0 (no time to measure over);
 * - `[6]`: 1 when the target is present; 0 when absent, with the frame's other six values 0.
 * Frames not sampled yet (after attach or {@link reset}) are all zeros.
 *
 * A frame is taken by each {@link sample} (the behaviour calls it every frame) and by {@link update} when no
 * `sample` came since the previous update, with dt the wall-clock time since the previous frame (headless use).
 */
export class MotionSensor implements Sensor {
  /** The sensor's name (see {@link MotionSensorOptions.name}). */
  readonly name: string;
  /** `vector(window * 7)`, modality `'motion'`. */
  readonly spec: ObservationSpec;
  /** Number of frames observed. */
  readonly window: number;

  private readonly target: PositionSource;
  private readonly maxDistance: number;
  private readonly maxSpeed: number;
  private readonly history: Float32Array;
  private readonly targetPos = new Vector3();
  private readonly agentPos = new Vector3();
  private readonly prevTarget = new Vector3();
  private readonly prevAgent = new Vector3();
  private readonly velocity = new Vector3();
  private readonly local = new Vector3();
  private readonly inverse = new Quaternion();
  private hasPrevious = false;
  private sampledSinceUpdate = false;
  private lastSampleMs = -1;
  private agent: TransformNode | null = null;
  private disposed = false;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: MotionSensorOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'motion', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    this.target = requireType<PositionSource>(OWNER, 'target', options.target, isPositionSource, 'a TransformNode or a function returning a Vector3 or null');
    this.window = requireInteger(OWNER, 'window', options.window ?? 4, 1);
    this.maxDistance = requireNumber(OWNER, 'maxDistance', options.maxDistance ?? 10, 0, Infinity, true);
    this.maxSpeed = requireNumber(OWNER, 'maxSpeed', options.maxSpeed ?? 5, 0, Infinity, true);
    this.spec = ObservationSpec.vector(this.window * FRAME, 'motion');
    this.history = new Float32Array(this.spec.size);
  }

  /** Perceives relative to `agent` from now on, with an empty history. Throws an `InvalidStateError` DOMException if attached to another node or disposed. */
  attach(agent: TransformNode): void {
    if (!checkAttach(`${OWNER} '${this.name}'`, 'sensor', this.agent, agent, this.disposed)) return;
    this.agent = agent;
    this.reset();
  }

  /** Stops perceiving for the current agent. */
  detach(): void {
    this.agent = null;
  }

  /** Takes a frame of `deltaSeconds` (see the class notes for dt <= 0). Does nothing while detached. */
  sample(deltaSeconds: number): void {
    const agent = this.agent;
    if (!agent) return;
    this.sampledSinceUpdate = true;
    this.lastSampleMs = performance.now();
    this.history.copyWithin(FRAME, 0, this.history.length - FRAME);
    if (!readPosition(this.target, this.targetPos)) {
      this.hasPrevious = false;
      this.history.fill(0, 0, FRAME);
      return;
    }
    const world = agent.computeWorldMatrix(true);
    world.getTranslationToRef(this.agentPos);
    Quaternion.InverseToRef(agent.absoluteRotationQuaternion, this.inverse);
    if (!this.hasPrevious) {
      this.velocity.setAll(0);
    } else if (deltaSeconds > 0) {
      this.targetPos.subtractToRef(this.prevTarget, this.velocity);
      this.velocity.subtractInPlace(this.agentPos).addInPlace(this.prevAgent).scaleInPlace(1 / deltaSeconds);
      this.velocity.rotateByQuaternionToRef(this.inverse, this.velocity);
    }
    this.prevTarget.copyFrom(this.targetPos);
    this.prevAgent.copyFrom(this.agentPos);
    this.hasPrevious = true;
    this.targetPos.subtractToRef(this.agentPos, this.local).rotateByQuaternionToRef(this.inverse, this.local);
    this.store(0, this.local, this.maxDistance);
    this.store(3, this.velocity, this.maxSpeed);
    this.history[6] = 1;
  }

  /** Takes a frame first if none was sampled since the last update. Throws an `InvalidStateError` DOMException unless attached. */
  update(): void {
    if (!this.agent) throw new DOMException(`${OWNER} '${this.name}': update() needs an attached agent`, 'InvalidStateError');
    if (!this.sampledSinceUpdate) this.sample(this.lastSampleMs < 0 ? 0 : (performance.now() - this.lastSampleMs) / 1000);
    this.sampledSinceUpdate = false;
  }

  /** Writes the history, newest frame first; returns `spec.size`. */
  write(out: Float32Array, offset: number): number {
    const n = this.history.length;
    if (!Number.isInteger(offset) || offset < 0 || offset + n > out.length) {
      throw new SpecMismatchError(`${OWNER} '${this.name}': cannot write ${n} floats at offset ${offset} into a buffer of ${out.length}`);
    }
    out.set(this.history, offset);
    return n;
  }

  /** Forgets the history and the previous position: the next frame has zero velocity. */
  reset(): void {
    this.history.fill(0);
    this.hasPrevious = false;
    this.sampledSinceUpdate = false;
    this.lastSampleMs = -1;
  }

  /** Detaches; the sensor cannot be attached again. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
    this.disposed = true;
  }

  private store(at: number, v: Vector3, scale: number): void {
    this.history[at] = Math.max(-1, Math.min(1, v.x / scale));
    this.history[at + 1] = Math.max(-1, Math.min(1, v.y / scale));
    this.history[at + 2] = Math.max(-1, Math.min(1, v.z / scale));
  }
}
