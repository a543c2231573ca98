import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { isPositionSource, readPosition, type PositionSource } from '../sensors/motion-sensor.js';
import type { ActionBuffers } from './action-spec.js';
import type { Actuator } from './actuator.js';
import { SpecMismatchError } from './errors.js';
import { requireInteger, requireNumber, requireType } from './options.js';
import { checkAttach } from './attachment.js';

/** Options of {@link LookAtActuator}. Every option is validated by the constructor. */
export interface LookAtActuatorOptions {
  /** Names the actuator in errors and tools. @default 'look' */
  name?: string;
  /** Most turn speed, degrees per second; > 0. @default 180 */
  turnSpeed?: number;
  /** Turn towards this (held still while it is absent). Excludes `continuousIndex`. @default none */
  target?: PositionSource;
  /**
   * Turn from the decision instead: `continuous[continuousIndex]`, clamped to [-1, 1], is the turn rate as a
   * fraction of `turnSpeed`; positive turns right (clockwise seen from above). Excludes `target`. @default none
   */
  continuousIndex?: number;
}

const OWNER = 'LookAtActuator';
/** Below this horizontal speed (world units per second) the agent keeps its heading in motion mode. */
const MIN_SPEED = 1e-2;
const TAU = 2 * Math.PI;

/** `angle` wrapped into [-π, π). */
function wrap(angle: number): number {
  return angle - TAU * Math.floor((angle + Math.PI) / TAU);
}

/**
 * Turns the agent about the vertical axis only (its parent's Y; world Y for an unparented agent), at most
 * `turnSpeed` degrees per second, so the result does not depend on the frame rate. It faces, in this order of
 * choice: the decision's turn action when `continuousIndex` is set; else `target`; else its own direction of
 * horizontal motion (measured between frames; held below 0.01 units/s). Yaw is measured from local +Z (forward)
 * towards +X (right), Babylon's left-handed convention. An agent with a `rotationQuaternion` keeps using it;
 * otherwise `rotation.y` changes (wrapped into [-π, π)).
 */
export class LookAtActuator implements Actuator {
  /** The actuator's name. */
  readonly name: string;
  /** Most turn speed, degrees per second. */
  readonly turnSpeed: number;
  /** Index of the turn action, or undefined when the actuator turns towards a target or its motion. */
  readonly continuousIndex: number | undefined;

  private readonly target: PositionSource | undefined;
  private readonly forward = new Vector3();
  private readonly position = new Vector3();
  private readonly previous = new Vector3();
  private readonly aim = new Vector3();
  private readonly turn = new Quaternion();
  private hasPrevious = false;
  private turnRate = 0;
  private agent: TransformNode | null = null;
  private disposed = false;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: LookAtActuatorOptions = {}) {
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'look', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    this.turnSpeed = requireNumber(OWNER, 'turnSpeed', options.turnSpeed ?? 180, 0, Infinity, true);
    this.target = options.target === undefined ? undefined
      : requireType<PositionSource>(OWNER, 'target', options.target, isPositionSource, 'a TransformNode or a function returning a Vector3 or null');
    this.continuousIndex = options.continuousIndex === undefined ? undefined : requireInteger(OWNER, 'continuousIndex', options.continuousIndex, 0);
    if (this.target && this.continuousIndex !== undefined) {
      throw new TypeError(`${OWNER}: options 'target' and 'continuousIndex' exclude each other, got both (continuousIndex ${this.continuousIndex})`);
    }
  }

  /** Turns `agent` from now on. Throws an `InvalidStateError` DOMException if attached to another node or disposed. */
  attach(agent: TransformNode): void {
    if (!checkAttach(`${OWNER} '${this.name}'`, 'actuator', this.agent, agent, this.disposed)) return;
    this.agent = agent;
    this.reset();
  }

  /** Stops turning the agent. */
  detach(): void {
    this.agent = null;
  }

  /**
   * With `continuousIndex`, takes the turn rate from the decision; otherwise ignores it.
   * @throws SpecMismatchError when that action is missing or not finite.
   */
  onActions(actions: ActionBuffers): void {
    const i = this.continuousIndex;
    if (i === undefined) return;
    const a = actions.continuous[i];
    if (!Number.isFinite(a)) {
      throw new SpecMismatchError(`${OWNER} '${this.name}': needs a finite continuous action at index ${i}, got ${a} (${actions.continuous.length} actions)`);
    }
    this.turnRate = Math.max(-1, Math.min(1, a));
  }

  /** Turns the agent for a frame of `deltaSeconds`; does nothing when detached or when `deltaSeconds <= 0`. */
  update(deltaSeconds: number): void {
    const agent = this.agent;
    if (!agent || !(deltaSeconds > 0)) return;
    const maxStep = (this.turnSpeed * Math.PI / 180) * deltaSeconds;
    if (this.continuousIndex !== undefined) {
      this.rotate(agent, this.turnRate * maxStep);
      return;
    }
    const world = agent.computeWorldMatrix(true);
    world.getTranslationToRef(this.position);
    if (!this.aimAt(deltaSeconds)) return;
    Vector3.TransformNormalFromFloatsToRef(0, 0, 1, world, this.forward);
    const delta = wrap(Math.atan2(this.aim.x, this.aim.z) - Math.atan2(this.forward.x, this.forward.z));
    this.rotate(agent, Math.max(-maxStep, Math.min(maxStep, delta)));
  }

  /** Stops turning: forgets the turn action and the previous position. */
  reset(): void {
    this.turnRate = 0;
    this.hasPrevious = false;
  }

  /** Detaches; the actuator cannot be attached again. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
    this.disposed = true;
  }

  /** Sets `aim` to the horizontal direction to face from `position`; false when there is none this frame. */
  private aimAt(deltaSeconds: number): boolean {
    if (this.target) {
      if (!readPosition(this.target, this.aim)) return false;
      this.aim.subtractInPlace(this.position);
    } else {
      const moved = this.hasPrevious;
      this.position.subtractToRef(this.previous, this.aim);
      this.previous.copyFrom(this.position);
      this.hasPrevious = true;
      if (!moved || Math.hypot(this.aim.x, this.aim.z) < MIN_SPEED * deltaSeconds) return false;
    }
    return Math.hypot(this.aim.x, this.aim.z) > 1e-9;
  }

  /** Turns `agent` by `angle` radians about its parent's Y axis. */
  private rotate(agent: TransformNode, angle: number): void {
    if (angle === 0) return;
    const q = agent.rotationQuaternion;
    if (q) {
      Quaternion.RotationAxisToRef(Vector3.UpReadOnly, angle, this.turn);
      this.turn.multiplyToRef(q, q); // the turn applies after the current rotation, about the parent's Y
    } else {
      agent.rotation.y = wrap(agent.rotation.y + angle);
    }
  }
}
