/**
 * The follow scene: guides follow a visitor through a room with obstacles.
 * Each guide perceives with rays (walls, obstacles, the visitor, other guides) and a motion sensor on the
 * visitor, decides with a hand-written HeuristicPolicy (all guides share it: one decide() per frame) and acts
 * with a MoveActuator and a LookAtActuator. Runs in the browser (examples/follow/main.ts) and headless
 * (scripts/demo.ts).
 */
import type { Scene } from '@babylonjs/core/scene.js';
// Registers the default material: without it Babylon picks material-less meshes by their bounding boxes.
import '@babylonjs/core/Materials/standardMaterial.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { MeshBuilder } from '@babylonjs/core/Meshes/meshBuilder.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import {
  ActionSpec, CollaboratorBehavior, HeuristicPolicy, LookAtActuator, MotionSensor, MoveActuator, RaySensor,
  type AgentObservation, type ActionBuffers,
} from 'babylon-collaborator';

/** Options of {@link createFollowScene}. */
export interface FollowSceneOptions {
  /** Number of guides. @default 6 */
  agents?: number;
  /** Seed of the guides' start positions. @default 1 */
  seed?: number;
}

/** What {@link createFollowScene} built. */
export interface FollowScene {
  /** The guide collaborators, one per agent. */
  readonly guides: CollaboratorBehavior[];
  /** The visitor the guides follow. */
  readonly visitor: TransformNode;
  /** Decisions made by all guides so far. */
  readonly decisions: number;
  /** Removes everything the scene builder added. */
  dispose(): void;
}

const ROOM = 24;
const TAGS = ['wall', 'obstacle', 'visitor', 'guide'] as const;
/** Where the guides like to be: this far from the visitor. */
const KEEP_DISTANCE = 2.5;
/** The visitor's walk: a loop around the room's obstacles. */
const VISITOR_PATH = [new Vector3(-8, 0, -8), new Vector3(8, 0, -8), new Vector3(8, 0, 8), new Vector3(-2, 0, 9), new Vector3(-8, 0, 2)];
const VISITOR_SPEED = 1.6;
/** The motion sensor's distance scale: relative positions are divided by it. */
const MAX_DISTANCE = 30;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function box(scene: Scene, name: string, tag: string, size: [number, number, number], at: [number, number, number]): Mesh {
  const mesh = MeshBuilder.CreateBox(name, { width: size[0], height: size[1], depth: size[2] }, scene);
  mesh.position.set(...at);
  mesh.metadata = { tag };
  return mesh;
}

/**
 * The guides' shared heuristic. From the motion sensor: the visitor's position in the guide's frame
 * (x right, z forward, divided by maxDistance). From the rays: a push away from close walls and obstacles.
 */
function guideHeuristic(rays: RaySensor, motion: MotionSensor): (obs: AgentObservation, out: ActionBuffers) => void {
  const block = rays.tags.length + 2;
  const directions = rays.angles.map((a) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)]);
  return (obs, out) => {
    const m = obs.sensors[motion.name];
    const r = obs.sensors[rays.name];
    const present = m[6] > 0;
    let x = 0;
    let z = 0;
    if (present) {
      const dx = m[0] * MAX_DISTANCE;
      const dz = m[2] * MAX_DISTANCE;
      const distance = Math.hypot(dx, dz);
      const pull = Math.max(-1, Math.min(1, (distance - KEEP_DISTANCE) / 1.5));
      if (distance > 1e-6) {
        x = (dx / distance) * pull;
        z = (dz / distance) * pull;
      }
    }
    directions.forEach(([dirX, dirZ], i) => {
      const base = i * block;
      const blocking = r[base] + r[base + 1] + r[base + 3]; // wall, obstacle or another guide
      const fraction = r[base + block - 1];
      if (blocking > 0 && fraction < 0.5) {
        const push = (0.5 - fraction) * 4;
        x -= dirX * push;
        z -= dirZ * push;
      }
    });
    const length = Math.hypot(x, z);
    out.continuous[0] = length > 1 ? x / length : x;
    out.continuous[1] = length > 1 ? z / length : z;
  };
}

/**
 * Builds the follow scene into `scene`: walls, obstacles, a visitor walking a loop, and `agents` guides.
 * The scene needs a camera of its own; lights and materials are the caller's (the headless demo has none).
 */
export function createFollowScene(scene: Scene, options: FollowSceneOptions = {}): FollowScene {
  const agents = options.agents ?? 6;
  const random = mulberry32(options.seed ?? 1);
  const root = new TransformNode('follow-scene', scene);
  const half = ROOM / 2;
  const walls = [
    box(scene, 'wall-n', 'wall', [ROOM, 2, 0.5], [0, 1, half]),
    box(scene, 'wall-s', 'wall', [ROOM, 2, 0.5], [0, 1, -half]),
    box(scene, 'wall-e', 'wall', [0.5, 2, ROOM], [half, 1, 0]),
    box(scene, 'wall-w', 'wall', [0.5, 2, ROOM], [-half, 1, 0]),
  ];
  const obstacles = [
    box(scene, 'plinth-1', 'obstacle', [2, 1.2, 2], [0, 0.6, -4]),
    box(scene, 'plinth-2', 'obstacle', [2, 1.2, 2], [3, 0.6, 3]),
    box(scene, 'plinth-3', 'obstacle', [1.5, 1.2, 4], [-4, 0.6, 4]),
  ];
  for (const mesh of [...walls, ...obstacles]) mesh.parent = root;

  const visitor = MeshBuilder.CreateCapsule('visitor', { height: 1.8, radius: 0.35 }, scene);
  visitor.metadata = { tag: 'visitor' };
  visitor.position.copyFrom(VISITOR_PATH[0]).addInPlaceFromFloats(0, 0.9, 0);
  visitor.parent = root;
  let waypoint = 1;
  const walk = scene.onBeforeRenderObservable.add(() => {
    const dt = (scene.useConstantAnimationDeltaTime ? 16 : scene.deltaTime || 0) / 1000;
    const target = VISITOR_PATH[waypoint];
    const dx = target.x - visitor.position.x;
    const dz = target.z - visitor.position.z;
    const distance = Math.hypot(dx, dz);
    const step = Math.min(distance, VISITOR_SPEED * Math.min(dt, 0.1));
    if (distance < 0.05) waypoint = (waypoint + 1) % VISITOR_PATH.length;
    else visitor.position.addInPlaceFromFloats((dx / distance) * step, 0, (dz / distance) * step);
  });

  const actions = ActionSpec.continuous(2);
  let decisions = 0;
  let policy: HeuristicPolicy | null = null;
  const guides: CollaboratorBehavior[] = [];
  for (let i = 0; i < agents; i++) {
    const body = MeshBuilder.CreateCylinder(`guide-${i}`, { height: 1.4, diameter: 0.7 }, scene);
    body.metadata = { tag: 'guide' };
    body.position.set((random() - 0.5) * (ROOM - 4), 0.7, (random() - 0.5) * (ROOM - 4) + 4 * (random() > 0.5 ? 1 : -1));
    body.parent = root;
    const rays = new RaySensor({ name: 'rays', rayCount: 9, angle: 160, length: 6, tags: [...TAGS] });
    const motion = new MotionSensor({ name: 'visitor', target: visitor, window: 2, maxDistance: MAX_DISTANCE, maxSpeed: 5 });
    policy ??= new HeuristicPolicy(actions, guideHeuristic(rays, motion));
    const guide = new CollaboratorBehavior({
      name: `guide-${i}`,
      sensors: [rays, motion],
      actions,
      policy,
      actuators: [new MoveActuator({ maxSpeed: 2.4 }), new LookAtActuator({ target: visitor, turnSpeed: 240 })],
    });
    guide.onDecisionObservable.add(() => decisions++);
    body.addBehavior(guide);
    guides.push(guide);
  }

  return {
    guides,
    visitor,
    get decisions() {
      return decisions;
    },
    dispose() {
      scene.onBeforeRenderObservable.remove(walk);
      for (const guide of guides) guide.dispose();
      policy?.dispose();
      root.dispose();
    },
  };
}
