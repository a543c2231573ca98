/**
 * The guide: a collaborator that keeps close to the visitor. It perceives with rays (walls, plinths, exhibits,
 * the visitor) and a motion sensor on the visitor, decides with a HeuristicPolicy and acts with a MoveActuator
 * and a LookAtActuator.
 */
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { MeshBuilder } from '@babylonjs/core/Meshes/meshBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import {
  ActionSpec, CollaboratorBehavior, HeuristicPolicy, LookAtActuator, MotionSensor, MoveActuator, RaySensor,
  type ActionBuffers, type AgentObservation, type PositionSource,
} from 'babylon-collaborator';

const TAGS = ['wall', 'plinth', 'exhibit', 'visitor'];
/** How far from the visitor the guide likes to be, in metres. */
const KEEP = 1.8;
const MAX_DISTANCE = 40;
/** Rays hitting something closer than this fraction of their length push the guide away. */
const CLOSE = 0.5;

/**
 * Pull towards the visitor (motion sensor, guide's frame: x right, z forward) down to {@link KEEP} metres, push
 * away from close walls, plinths and exhibits (rays), and slide sideways when the way ahead is blocked.
 */
function heuristic(rays: RaySensor, motion: MotionSensor): (obs: AgentObservation, out: ActionBuffers) => void {
  const block = rays.tags.length + 2;
  const directions = rays.angles.map((a) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)]);
  return (obs, out) => {
    const m = obs.sensors[motion.name];
    const r = obs.sensors[rays.name];
    let x = 0;
    let z = 0;
    if (m[6] > 0) {
      const dx = m[0] * MAX_DISTANCE;
      const dz = m[2] * MAX_DISTANCE;
      const distance = Math.hypot(dx, dz);
      const pull = Math.max(-1, Math.min(1, (distance - KEEP) / 1.2));
      if (distance > 1e-6) [x, z] = [(dx / distance) * pull, (dz / distance) * pull];
    }
    directions.forEach(([dirX, dirZ], i) => {
      const base = i * block;
      const fraction = r[base + block - 1];
      if (r[base + 3] > 0 || r[base + block - 2] > 0 || fraction >= CLOSE) return; // the visitor, or nothing near
      const push = (CLOSE - fraction) * 3;
      x -= dirX * push;
      z -= dirZ * push;
      if (Math.abs(dirX) < 0.3) x += (x >= 0 ? 1 : -1) * push; // blocked ahead: slide to the freer side
    });
    const length = Math.hypot(x, z);
    out.continuous[0] = length > 1 ? x / length : x;
    out.continuous[1] = length > 1 ? z / length : z;
  };
}

/** Creates the guide's body at (x, z) with its collaborator, following `visitor`. */
export function createGuide(scene: Scene, visitor: PositionSource, at: [number, number]): CollaboratorBehavior {
  const material = new StandardMaterial('guide', scene);
  material.diffuseColor = Color3.FromHexString('#2a9d8f');
  const body: Mesh = MeshBuilder.CreateCylinder('guide', { height: 1.3, diameterTop: 0.35, diameterBottom: 0.6 }, scene);
  body.position.set(at[0], 0.65, at[1]);
  const head = MeshBuilder.CreateSphere('guide head', { diameter: 0.4 }, scene);
  head.position.y = 0.85;
  head.parent = body;
  for (const mesh of [body, head]) mesh.material = material;
  body.metadata = { tag: 'guide' };

  const actions = ActionSpec.continuous(2);
  const rays = new RaySensor({ name: 'rays', rayCount: 9, angle: 180, length: 4, tags: TAGS });
  const motion = new MotionSensor({ name: 'visitor', target: visitor, window: 2, maxDistance: MAX_DISTANCE });
  const guide = new CollaboratorBehavior({
    name: 'guide',
    decisionPeriod: 2,
    sensors: [rays, motion],
    actions,
    policy: new HeuristicPolicy(actions, heuristic(rays, motion)),
    actuators: [new MoveActuator({ maxSpeed: 2.6, acceleration: 8 }), new LookAtActuator({ target: visitor, turnSpeed: 270 })],
  });
  body.addBehavior(guide);
  return guide;
}
