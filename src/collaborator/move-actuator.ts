import { Vector3, type Matrix } from '@babylonjs/core/Maths/math.vector.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { ActionBuffers } from './action-spec.js';
import type { Actuator } from './actuator.js';
import { SpecMismatchError } from './errors.js';
import { requireInteger, requireNumber, requireType } from './options.js';
import { checkAttach } from './attachment.js';

/** The frame the steering actions are expressed in. */
export type MoveSpace = 'local' | 'world';

/** Options of {@link MoveActuator}. Every option is validated by the constructor. */
export interface MoveActuatorOptions {
  /** Names the actuator in errors and tools. @default 'move' */
  name?: string;
  /** Speed, in world units per second, of a full-length action (|action| = 1); > 0. @default 2 */
  maxSpeed?: number;
  /** Index of the strafe (x) action in the decision's continuous actions; forward (z) is the next one. @default 0 */
  continuousOffset?: number;
  /**
   * `'local'`: x moves to the agent's right and z along its facing, both flattened onto the ground plane (its world
   * yaw only), so steering stays relative to where it looks; `'world'`: x along world +X, z along world +Z.
   * @default 'local'
   */
  space?: MoveSpace;
  /** Most change of velocity per second, in world units/s²; `Infinity` reaches the commanded velocity at once. @default Infinity */
  acceleration?: number;
}

const OWNER = 'MoveActuator';

/**
 * Continuous 2-D steering on the ground plane (XZ).
 *
 * Each decision's `continuous[continuousOffset]` (strafe, x) and `continuous[continuousOffset + 1]` (forward, z) are
 * clamped to the unit disk and scaled by `maxSpeed` into the commanded velocity, kept until the next decision. Every
 * {@link update}`(dt)` moves the agent's world position by the velocity over `dt`; with `acceleration`, the velocity
 * ramps linearly towards the commanded one and the displacement integrates that ramp exactly, so the path does not
 * depend on the frame rate. Vertical position is never changed.
 */
export class MoveActuator implements Actuator {
  /** The actuator's name. */
  readonly name: string;
  /** Speed of a full-length action, world units per second. */
  readonly maxSpeed: number;
  /** Index of the strafe action; forward is the next one. */
  readonly continuousOffset: number;
  /** The frame actions are expressed in. */
  readonly space: MoveSpace;
  /** Most change of velocity per second. */
  readonly acceleration: number;

  private readonly command = new Vector3();
  private readonly velocity = new Vector3();
  private readonly goal = new Vector3();
  private readonly forward = new Vector3();
  private readonly step = new Vector3();
  private readonly position = new Vector3();
  private agent: TransformNode | null = null;
  private disposed = false;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: MoveActuatorOptions = {}) {
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'move', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    this.maxSpeed = requireNumber(OWNER, 'maxSpeed', options.maxSpeed ?? 2, 0, Infinity, true);
    this.continuousOffset = requireInteger(OWNER, 'continuousOffset', options.continuousOffset ?? 0, 0);
    this.space = requireType<MoveSpace>(OWNER, 'space', options.space ?? 'local', (v) => v === 'local' || v === 'world', "'local' or 'world'");
    const a = options.acceleration ?? Infinity;
    this.acceleration = a === Infinity ? a : requireNumber(OWNER, 'acceleration', a, 0, Infinity, true);
  }

  /** The current velocity in world units per second (read-only view; y is always 0). */
  get currentVelocity(): Readonly<Vector3> {
    return this.velocity;
  }

  /** Moves `agent` from now on, from rest. Throws an `InvalidStateError` DOMException if attached to another node or disposed. */
  attach(agent: TransformNode): void {
    if (!checkAttach(`${OWNER} '${this.name}'`, 'actuator', this.agent, agent, this.disposed)) return;
    this.agent = agent;
    this.reset();
  }

  /** Stops moving the agent. */
  detach(): void {
    this.agent = null;
  }

  /**
   * Takes the steering command from `actions.continuous` (see the class notes).
   * @throws SpecMismatchError when the two actions are missing or not finite.
   */
  onActions(actions: ActionBuffers): void {
    const c = actions.continuous;
    const i = this.continuousOffset;
    if (c.length < i + 2 || !Number.isFinite(c[i]) || !Number.isFinite(c[i + 1])) {
      throw new SpecMismatchError(`${OWNER} '${this.name}': needs 2 finite continuous actions at offset ${i}, got ${c.length} actions`);
    }
    const len = Math.hypot(c[i], c[i + 1]);
    const k = len > 1 ? 1 / len : 1;
    this.command.set(c[i] * k, 0, c[i + 1] * k);
  }

  /** Moves the agent for a frame of `deltaSeconds`; does nothing when detached or when `deltaSeconds <= 0`. */
  update(deltaSeconds: number): void {
    const agent = this.agent;
    if (!agent || !(deltaSeconds > 0)) return;
    const world = agent.computeWorldMatrix(true);
    this.goalVelocity(world);
    const v = this.velocity;
    const g = this.goal;
    const gap = Vector3.Distance(v, g);
    const reach = gap / this.acceleration;
    if (reach <= deltaSeconds) {
      // Linear ramp to the goal in `reach` seconds (0 when instant), then the goal velocity for the rest.
      v.addToRef(g, this.step).scaleInPlace(reach / 2).addInPlaceFromFloats(g.x * (deltaSeconds - reach), 0, g.z * (deltaSeconds - reach));
      v.copyFrom(g);
    } else {
      // Still ramping at the end of the frame: g becomes the change of velocity over the frame.
      g.subtractInPlace(v).scaleInPlace((this.acceleration * deltaSeconds) / gap);
      v.scaleToRef(deltaSeconds, this.step).addInPlaceFromFloats(g.x * deltaSeconds / 2, 0, g.z * deltaSeconds / 2);
      v.addInPlace(g);
    }
    if (this.step.x === 0 && this.step.z === 0) return;
    world.getTranslationToRef(this.position);
    agent.setAbsolutePosition(this.position.addInPlace(this.step));
  }

  /** Stops: forgets the command and the current velocity. */
  reset(): void {
    this.command.setAll(0);
    this.velocity.setAll(0);
  }

  /** Detaches; the actuator cannot be attached again. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
    this.disposed = true;
  }

  /** The commanded velocity in world units per second, into `goal`, for an agent whose world matrix is `world`. */
  private goalVelocity(world: Matrix): void {
    const cmd = this.command;
    if (this.space === 'world') {
      this.goal.copyFrom(cmd).scaleInPlace(this.maxSpeed);
      return;
    }
    Vector3.TransformNormalFromFloatsToRef(0, 0, 1, world, this.forward);
    const len = Math.hypot(this.forward.x, this.forward.z);
    const fx = len > 1e-9 ? this.forward.x / len : 0;
    const fz = len > 1e-9 ? this.forward.z / len : 1;
    // Left-handed, Y up: right = (fz, 0, -fx) for forward (fx, 0, fz).
    this.goal.set((cmd.x * fz + cmd.z * fx) * this.maxSpeed, 0, (cmd.z * fz - cmd.x * fx) * this.maxSpeed);
  }
}
