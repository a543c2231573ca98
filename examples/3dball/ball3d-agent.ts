/**
 * One agent of the 3DBall scene, ported from ML-Agents' Ball3DAgent.cs: the agent is a 5 m cube whose top face
 * carries a ball; it tilts itself to keep the ball there. Observations (CollectObservations), action scaling and
 * limits (OnActionReceived) and episode resets (OnEpisodeBegin) follow the original, value for value.
 * One scene frame is one ML-Agents step: a fixed physics step of 0.02 s (see ball3d-scene.ts).
 */
import type { Scene } from '@babylonjs/core/scene.js';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import { PhysicsAggregate } from '@babylonjs/core/Physics/v2/physicsAggregate.js';
import type { PhysicsBody } from '@babylonjs/core/Physics/v2/physicsBody.js';
import { PhysicsMotionType, PhysicsShapeType } from '@babylonjs/core/Physics/v2/IPhysicsEnginePlugin.js';
import { VectorSensor, type ActionBuffers, type Actuator } from 'babylon-collaborator';

/** The original set-up: the 3DBall prefab, Ball3DAgent.cs and the project's physics settings. */
export const BALL3D = {
  /** The Agent cube: a unit BoxCollider at localScale 5. */
  platformSize: 5,
  /** The ball: SphereCollider radius 0.5 at the default reset parameter scale 1. */
  ballDiameter: 1,
  /** The ball's Rigidbody mass (default reset parameter 'mass'), drag and angular drag. */
  ballMass: 1,
  ballDrag: 0,
  ballAngularDrag: 0.01,
  /** Unity's default physic material (dynamic and static friction 0.6, no bounce). */
  friction: 0.6,
  /** The Agent's MaxStep: the episode is interrupted after this many steps. */
  maxStep: 5000,
  /** Actions are clamped to [-1, 1] and times this many degrees per step. */
  degreesPerAction: 2,
  /** The platform stops tilting further once its rotation's z or x component passes ±0.25. */
  tiltLimit: 0.25,
  /** OnEpisodeBegin: random tilt in ±10° about x then z, ball at (±1.5, 4, ±1.5) from the platform, at rest. */
  startTiltDegrees: 10,
  startHeight: 4,
  startSpread: 1.5,
  /** The episode ends (reward -1) when the ball is 2 m below the platform's centre or 3 m away on x or z. */
  fallBelow: -2,
  fallOutside: 3,
} as const;

const X_AXIS = new Vector3(1, 0, 0);
const Z_AXIS = new Vector3(0, 0, 1);

function clamp(value: number): number {
  return Math.max(-1, Math.min(1, value));
}

/** Unity's `transform.Rotate(axis, degrees)` (local space): q = q * AngleAxis(degrees, axis). */
function rotate(q: Quaternion, axis: Vector3, degrees: number): void {
  q.multiplyInPlace(Quaternion.RotationAxis(axis, (degrees * Math.PI) / 180));
}

/** The agent: its observations come from {@link sensor} and it is its own actuator. */
export class Ball3DAgent implements Actuator {
  readonly name = 'platform';
  /** The 8 observations: the model's input `obs_0`. */
  readonly sensor: VectorSensor;
  readonly platform: Mesh;
  readonly ball: Mesh;
  /** Steps in the current episode. */
  stepCount = 0;
  /** Episodes ended because the ball fell off, and because MaxStep was reached. */
  falls = 0;
  timeouts = 0;
  /** Steps of all the episodes that ended. */
  endedSteps = 0;
  private readonly ballBody: PhysicsBody;
  private readonly aggregates: PhysicsAggregate[];
  private readonly random: () => number;
  private actionZ = 0;
  private actionX = 0;

  constructor(scene: Scene, index: number, position: Vector3, random: () => number) {
    this.random = random;
    this.platform = CreateBox(`platform-${index}`, { size: BALL3D.platformSize }, scene);
    this.platform.position.copyFrom(position);
    this.platform.rotationQuaternion = Quaternion.Identity();
    this.platform.metadata = { tag: 'platform' };
    this.ball = CreateSphere(`ball-${index}`, { diameter: BALL3D.ballDiameter, segments: 16 }, scene);
    this.ball.metadata = { tag: 'ball' };

    // The platform has no Rigidbody in Unity: it is moved by its transform. Here it is an animated body whose
    // transform is pushed to Havok before every step.
    const platform = new PhysicsAggregate(this.platform, PhysicsShapeType.BOX, { mass: 0, friction: BALL3D.friction }, scene);
    platform.body.setMotionType(PhysicsMotionType.ANIMATED);
    platform.body.disablePreStep = false;
    const ball = new PhysicsAggregate(this.ball, PhysicsShapeType.SPHERE,
      { mass: BALL3D.ballMass, friction: BALL3D.friction, restitution: 0 }, scene);
    this.aggregates = [platform, ball];
    this.ballBody = ball.body;
    this.ballBody.setLinearDamping(BALL3D.ballDrag);
    this.ballBody.setAngularDamping(BALL3D.ballAngularDrag);

    this.sensor = new VectorSensor({ name: 'ball3d', size: 8, observe: (out) => this.collectObservations(out) });
    this.onEpisodeBegin();
  }

  /** CollectObservations: rotation z and x, the ball's position relative to the platform, its velocity. */
  collectObservations(out: Float32Array): void {
    const q = this.platform.rotationQuaternion!;
    const p = this.platform.position;
    const b = this.ball.position;
    const v = this.ballBody.getLinearVelocity();
    out.set([q.z, q.x, b.x - p.x, b.y - p.y, b.z - p.z, v.x, v.y, v.z]);
  }

  /** Keeps the decision: ML-Agents applies the last decision on every step until the next one. */
  onActions(actions: ActionBuffers): void {
    this.actionZ = BALL3D.degreesPerAction * clamp(actions.continuous[0]);
    this.actionX = BALL3D.degreesPerAction * clamp(actions.continuous[1]);
  }

  /** One step (OnActionReceived): tilt within the limits, then end the episode if the ball fell or time is up. */
  update(): void {
    const q = this.platform.rotationQuaternion!;
    const limit = BALL3D.tiltLimit;
    if ((q.z < limit && this.actionZ > 0) || (q.z > -limit && this.actionZ < 0)) rotate(q, Z_AXIS, this.actionZ);
    if ((q.x < limit && this.actionX > 0) || (q.x > -limit && this.actionX < 0)) rotate(q, X_AXIS, this.actionX);
    this.stepCount++;
    const d = this.ball.position.subtract(this.platform.position);
    if (d.y < BALL3D.fallBelow || Math.abs(d.x) > BALL3D.fallOutside || Math.abs(d.z) > BALL3D.fallOutside) {
      this.falls++;
      this.endEpisode();
    } else if (this.stepCount >= BALL3D.maxStep) {
      this.timeouts++;
      this.endEpisode();
    }
  }

  /** Removes the bodies and meshes (called by the behaviour's dispose()). */
  dispose(): void {
    for (const aggregate of this.aggregates) aggregate.dispose();
    this.ball.dispose();
    this.platform.dispose();
  }

  private endEpisode(): void {
    this.endedSteps += this.stepCount;
    this.onEpisodeBegin();
  }

  /** OnEpisodeBegin: a random tilt, the ball dropped from 4 m above a random point, no decision yet. */
  private onEpisodeBegin(): void {
    const range = (half: number): number => (this.random() * 2 - 1) * half;
    const q = this.platform.rotationQuaternion!.copyFromFloats(0, 0, 0, 1);
    rotate(q, X_AXIS, range(BALL3D.startTiltDegrees));
    rotate(q, Z_AXIS, range(BALL3D.startTiltDegrees));
    this.ball.position.copyFrom(this.platform.position).addInPlaceFromFloats(range(BALL3D.startSpread), BALL3D.startHeight, range(BALL3D.startSpread));
    this.ballBody.setLinearVelocity(Vector3.Zero());
    // Teleport: push the ball's transform to Havok on the next step only.
    this.ballBody.disablePreStep = false;
    this.ball.getScene().onAfterPhysicsObservable.addOnce(() => (this.ballBody.disablePreStep = true));
    this.stepCount = 0;
    this.actionZ = 0;
    this.actionX = 0;
  }
}
