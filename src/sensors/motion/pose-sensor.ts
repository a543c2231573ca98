import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { ObservationSpec } from '../../collaborator/observation-spec.js';
import { requireNumber, requireType } from '../../collaborator/options.js';
import { isPositionSource, readPosition, type PositionSource } from '../motion-sensor.js';
import type { Sensor } from '../sensor.js';
import { checkWriteRange } from '../write-range.js';

/** Options of {@link PoseSensor}. Every option is validated by the constructor. */
export interface PoseSensorOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'pose' */
  name?: string;
  /** The avatar's root node (required): joints are measured in its frame (position, rotation; not its scale). */
  root: TransformNode;
  /**
   * The tracked joints by name (required, at least one), observed in the order of the keys: nodes of the avatar's
   * skeleton, XR joints ({@link XRInputTracker.joint}) or {@link ScriptedMotion} positions.
   */
  joints: Record<string, PositionSource>;
  /** Distance from the root (world units) that maps to ±1. @default 2 */
  maxDistance?: number;
  /** Joint speed relative to the root (world units per second) that maps to ±1. @default 3 */
  maxSpeed?: number;
}

const OWNER = 'PoseSensor';
/** Floats per joint: position (3), velocity (3), present (1). */
const JOINT = 7;

/**
 * Perceives the human avatar's pose and its motion: each joint's position and velocity in the avatar's own frame
 * (so a gesture reads the same wherever the person stands and whichever way they face; pair it with a
 * {@link MotionSensor} on the root for where the person is relative to the agent).
 *
 * Observation: `vector(7 x joints)`, modality `'motion'`, per joint in key order:
 * `[x, y, z]` = (joint − root) rotated into the root's frame / maxDistance, clamped to ±1;
 * `[vx, vy, vz]` = the change of that offset over the frame / dt / maxSpeed, clamped to ±1 (0 on the frame a joint
 * appears, unchanged when dt <= 0); `present` = 1, or 0 with the joint's other values 0.
 * Frames are taken by {@link sample} (every frame under a behaviour) and by {@link update} when no sample came since
 * the previous one (wall-clock dt, headless use). Under a behaviour nothing is allocated per frame.
 */
export class PoseSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** `vector(7 x joints)`, modality `'motion'`. */
  readonly spec: ObservationSpec;
  /** The joint names in observation order. */
  readonly jointNames: readonly string[];

  private readonly root: TransformNode;
  private readonly sources: readonly PositionSource[];
  private readonly maxDistance: number;
  private readonly maxSpeed: number;
  private readonly observation: Float32Array;
  private readonly previous: Float64Array;
  private readonly known: Uint8Array;
  private readonly joint = new Vector3();
  private readonly rootPos = new Vector3();
  private readonly inverse = new Quaternion();
  /** Wall-clock ms of the last headless frame, or -1 (a typed array stores it without allocating). */
  private readonly lastSampleMs = new Float64Array([-1]);
  private sampledSinceUpdate = false;
  private agent: TransformNode | null = null;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: PoseSensorOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'pose', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    this.root = requireType<TransformNode>(OWNER, 'root', options.root, (v) => isPositionSource(v) && typeof v === 'object', 'a TransformNode');
    requireType(OWNER, 'joints', options.joints, (v) => typeof v === 'object' && v !== null && Object.keys(v).length > 0, 'an object of at least one named PositionSource');
    this.jointNames = Object.freeze(Object.keys(options.joints));
    this.sources = this.jointNames.map((n) => requireType<PositionSource>(OWNER, `joints.${n}`, options.joints[n], isPositionSource, 'a TransformNode or a function returning a Vector3 or null'));
    this.maxDistance = requireNumber(OWNER, 'maxDistance', options.maxDistance ?? 2, 0, Infinity, true);
    this.maxSpeed = requireNumber(OWNER, 'maxSpeed', options.maxSpeed ?? 3, 0, Infinity, true);
    this.spec = ObservationSpec.vector(this.sources.length * JOINT, 'motion');
    this.observation = new Float32Array(this.spec.size);
    this.previous = new Float64Array(this.sources.length * 3);
    this.known = new Uint8Array(this.sources.length);
  }

  /** Perceives from now on (the agent is not used: the frame is the avatar's), with no history. */
  attach(agent: TransformNode): void {
    this.agent = agent;
    this.reset();
  }

  /** Stops perceiving. */
  detach(): void {
    this.agent = null;
  }

  /** Takes a frame of `deltaSeconds`. Does nothing while detached. */
  sample(deltaSeconds: number): void {
    if (!this.agent) return;
    this.sampledSinceUpdate = true;
    this.lastSampleMs[0] = -1;
    this.takeFrame(deltaSeconds);
  }

  /**
   * Takes a headless frame first if no sample came since the last update (dt: the wall-clock time since the previous
   * headless frame, 0 for the first). Throws an `InvalidStateError` DOMException unless attached.
   */
  update(): void {
    if (!this.agent) throw new DOMException(`${OWNER} '${this.name}': update() needs an attached agent`, 'InvalidStateError');
    if (!this.sampledSinceUpdate) {
      const now = performance.now();
      const dt = this.lastSampleMs[0] < 0 ? 0 : (now - this.lastSampleMs[0]) / 1000;
      this.lastSampleMs[0] = now;
      this.takeFrame(dt);
    }
    this.sampledSinceUpdate = false;
  }

  private takeFrame(deltaSeconds: number): void {
    const rootPresent = readPosition(this.root, this.rootPos);
    if (rootPresent) Quaternion.InverseToRef(this.root.absoluteRotationQuaternion, this.inverse);
    const o = this.observation;
    for (let j = 0; j < this.sources.length; j++) {
      const at = j * JOINT;
      if (!rootPresent || !readPosition(this.sources[j], this.joint)) {
        o.fill(0, at, at + JOINT);
        this.known[j] = 0;
        continue;
      }
      this.joint.subtractInPlace(this.rootPos).rotateByQuaternionToRef(this.inverse, this.joint);
      const p = this.previous;
      const x = this.joint.x, y = this.joint.y, z = this.joint.z;
      if (!this.known[j]) {
        o[at + 3] = o[at + 4] = o[at + 5] = 0;
      } else if (deltaSeconds > 0) {
        o[at + 3] = clamp((x - p[j * 3]) / deltaSeconds / this.maxSpeed);
        o[at + 4] = clamp((y - p[j * 3 + 1]) / deltaSeconds / this.maxSpeed);
        o[at + 5] = clamp((z - p[j * 3 + 2]) / deltaSeconds / this.maxSpeed);
      }
      p[j * 3] = x;
      p[j * 3 + 1] = y;
      p[j * 3 + 2] = z;
      this.known[j] = 1;
      o[at] = clamp(x / this.maxDistance);
      o[at + 1] = clamp(y / this.maxDistance);
      o[at + 2] = clamp(z / this.maxDistance);
      o[at + 6] = 1;
    }
  }

  /** Writes the latest frame; returns `spec.size`. */
  write(out: Float32Array, offset: number): number {
    checkWriteRange(OWNER, this.name, this.observation.length, out, offset);
    out.set(this.observation, offset);
    return this.observation.length;
  }

  /** Forgets the pose and the previous positions: the next frame has zero velocities. */
  reset(): void {
    this.observation.fill(0);
    this.known.fill(0);
    this.lastSampleMs[0] = -1;
    this.sampledSinceUpdate = false;
  }

  /** Detaches. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
  }
}

function clamp(v: number): number {
  return v < -1 ? -1 : v > 1 ? 1 : v;
}
