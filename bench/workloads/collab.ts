/**
 * `collab/decide-1000`: 1,000 collaborators with a 9-ray sensor and a HeuristicPolicy on one NullEngine scene.
 * Per-frame cost (ms) when they share one policy (the batcher: one decide() per frame) against each agent
 * deciding alone (its own policy instance: one decide() per agent).
 */
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { MeshBuilder } from '@babylonjs/core/Meshes/meshBuilder.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Logger } from '@babylonjs/core/Misc/logger.js';
import '@babylonjs/core/Materials/standardMaterial.js'; // exact mesh picking (see RaySensor)
import { ActionSpec, CollaboratorBehavior, HeuristicPolicy, MoveActuator, RaySensor, type Heuristic } from '../../src/index.js';
import { measureAlternating, type BenchWorkload } from '../harness.js';

const AGENTS = 1000;
const ACTIONS = ActionSpec.continuous(2);

/** Turns away from the closest hit: a realistic amount of per-agent work. */
const avoid: Heuristic = (observation, out) => {
  const rays = observation.sensors.rays;
  let closest = 1;
  let index = 0;
  for (let i = 0; i < 9; i++) {
    const fraction = rays[i * 3 + 2];
    if (fraction < closest) [closest, index] = [fraction, i];
  }
  out.continuous[0] = closest < 1 ? (index < 4 ? 1 : -1) * (1 - closest) : 0;
  out.continuous[1] = closest;
};

function buildScene(shared: boolean): { scene: Scene; engine: NullEngine } {
  const engine = new NullEngine();
  const scene = new Scene(engine);
  scene.useConstantAnimationDeltaTime = true;
  new FreeCamera('camera', new Vector3(0, 50, -50), scene);
  for (let i = 0; i < 16; i++) {
    const pillar = MeshBuilder.CreateBox(`pillar-${i}`, { size: 2 }, scene);
    pillar.position.set((i % 4) * 12 - 18, 1, Math.floor(i / 4) * 12 - 18);
    pillar.metadata = { tag: 'pillar' };
  }
  const sharedPolicy = new HeuristicPolicy(ACTIONS, avoid);
  for (let i = 0; i < AGENTS; i++) {
    const node = new TransformNode(`agent-${i}`, scene);
    node.position.set((i % 40) - 20, 0.5, Math.floor(i / 40) - 12);
    node.addBehavior(new CollaboratorBehavior({
      sensors: [new RaySensor({ name: 'rays', rayCount: 9, angle: 120, length: 6, tags: ['pillar'] })],
      actions: ACTIONS,
      policy: shared ? sharedPolicy : new HeuristicPolicy(ACTIONS, avoid),
      actuators: [new MoveActuator({ maxSpeed: 0.5 })],
    }));
  }
  return { scene, engine };
}

async function frame(scene: Scene): Promise<void> {
  scene.render();
  await new Promise((resolve) => setImmediate(resolve));
}

export const workloads: BenchWorkload[] = [{
  id: 'collab/decide-1000',
  async run() {
    Logger.LogLevels = Logger.ErrorLogLevel;
    const batched = buildScene(true);
    const alone = buildScene(false);
    const runs = 30;
    const medians = await measureAlternating({
      batched: () => frame(batched.scene),
      alone: () => frame(alone.scene),
    }, { runs, warmup: 10 });
    batched.engine.dispose();
    alone.engine.dispose();
    return [{
      id: 'collab/decide-1000',
      unit: 'ms/frame',
      ours: medians.batched,
      peers: { 'each-agent-alone': medians.alone },
      runs,
      notes: `median frame of ${runs} after 10 warm-ups; ${AGENTS} agents, 9 rays, decision period 5 (200 decide per frame)`,
    }];
  },
}];
