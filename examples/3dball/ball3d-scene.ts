/**
 * The 3DBall scene: twelve Ball3DAgents in the grid of ML-Agents' 3DBall.unity (4 columns x 3 rows, 9 m apart),
 * Havok physics with the project's gravity and fixed step, and one CollaboratorBehavior per agent. All twelve
 * share one policy and decide on the same frame every 5 frames (DecisionRequester: period 5, offset 0), so
 * each decision is one batched `decide()`. Runs in the browser (main.ts) and headless (test/examples/).
 */
import type { Scene } from '@babylonjs/core/scene.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { HavokPlugin } from '@babylonjs/core/Physics/v2/Plugins/havokPlugin.js';
// Adds scene.enablePhysics().
import '@babylonjs/core/Physics/joinedPhysicsEngineComponent.js';
import type { HavokPhysicsWithBindings } from '@babylonjs/havok';
import { ActionSpec, CollaboratorBehavior, type Policy } from 'babylon-collaborator';
import { Ball3DAgent } from './ball3d-agent.js';

/** Seconds per step: Unity's fixed timestep in the ML-Agents project. */
export const STEP_SECONDS = 0.02;
/** A ball counts as balanced once its episode has lasted this many steps (2 s). */
export const BALANCED_AFTER_STEPS = 100;
const GRAVITY = new Vector3(0, -9.81, 0);
const COLUMNS = [-9, 0, 9, 18];
const ROWS = [9, 0, -9];
const DEPTH = 5;

/** Options of {@link createBall3DScene}. */
export interface Ball3DSceneOptions {
  /** The Havok module (from `HavokPhysics()`); the scene enables physics with it. */
  havok: HavokPhysicsWithBindings;
  /** The policy all agents share: the 3DBall model, or any policy of 2 continuous actions. */
  policy: Policy;
  /** Seed of the episodes' random starts. @default 1 */
  seed?: number;
}

/** The scene's figures, summed over the agents. */
export interface Ball3DStats {
  /** Steps simulated (frames). */
  steps: number;
  /** Episodes ended: balls fallen plus episodes that reached MaxStep. */
  episodes: number;
  /** Balls fallen off their platform. */
  falls: number;
  /** Agents whose current episode has lasted {@link BALANCED_AFTER_STEPS} steps or more. */
  balanced: number;
  /** Mean steps of the ended episodes, or NaN before one ends. */
  averageEpisodeSteps: number;
}

/** What {@link createBall3DScene} built. */
export interface Ball3DScene {
  readonly agents: readonly Ball3DAgent[];
  readonly behaviors: readonly CollaboratorBehavior[];
  /** Decisions received by all agents so far. */
  readonly decisions: number;
  stats(): Ball3DStats;
  /** Removes the agents (bodies and meshes), their behaviours and observers; the policy and the physics engine stay. */
  dispose(): void;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds the twelve agents into `scene` (which needs a camera of its own; lights and materials are the caller's).
 * Physics steps a fixed 0.02 s per frame, whatever the frame rate: one frame is one ML-Agents step.
 */
export function createBall3DScene(scene: Scene, options: Ball3DSceneOptions): Ball3DScene {
  scene.enablePhysics(GRAVITY, new HavokPlugin(false, options.havok));
  scene.getPhysicsEngine()!.setTimeStep(STEP_SECONDS);
  const random = mulberry32(options.seed ?? 1);
  const actions = ActionSpec.continuous(2);
  let decisions = 0;
  let steps = 0;
  const counter = scene.onAfterPhysicsObservable.add(() => steps++);
  const agents: Ball3DAgent[] = [];
  const behaviors: CollaboratorBehavior[] = [];
  for (const y of ROWS) {
    for (const x of COLUMNS) {
      const agent = new Ball3DAgent(scene, agents.length, new Vector3(x, y, DEPTH), random);
      const behavior = new CollaboratorBehavior({
        name: `agent-${agents.length}`,
        sensors: [agent.sensor],
        actions,
        policy: options.policy,
        actuators: [agent],
        decisionPeriod: 5,
        decisionOffset: 0,
      });
      behavior.onDecisionObservable.add(() => decisions++);
      agent.platform.addBehavior(behavior);
      agents.push(agent);
      behaviors.push(behavior);
    }
  }

  return {
    agents,
    behaviors,
    get decisions() {
      return decisions;
    },
    stats() {
      const sum = (f: (a: Ball3DAgent) => number): number => agents.reduce((total, a) => total + f(a), 0);
      const episodes = sum((a) => a.falls + a.timeouts);
      return {
        steps,
        episodes,
        falls: sum((a) => a.falls),
        balanced: sum((a) => (a.stepCount >= BALANCED_AFTER_STEPS ? 1 : 0)),
        averageEpisodeSteps: episodes > 0 ? sum((a) => a.endedSteps) / episodes : NaN,
      };
    },
    dispose() {
      scene.onAfterPhysicsObservable.remove(counter);
      for (const behavior of behaviors) behavior.dispose(); // disposes its actuator: the agent, bodies and meshes
    },
  };
}
