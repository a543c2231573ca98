/**
 * The 3DBall scene in the browser: the unmodified ML-Agents 3DBall.onnx policy balances balls on twelve
 * platforms, on our own CPU back end. `?policy=none` runs the same scene with zero actions, for comparison.
 */
import { ArcRotateCamera } from '@babylonjs/core/Cameras/arcRotateCamera.js';
import { Engine } from '@babylonjs/core/Engines/engine.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Scene } from '@babylonjs/core/scene.js';
import HavokPhysics from '@babylonjs/havok';
import { ActionSpec, HeuristicPolicy, MLAgentsPolicy, loadModel, type Policy } from 'babylon-collaborator';
import { describeError, exposeCollabState } from '../shared/collab-state.js';
import { createBall3DScene, STEP_SECONDS, type Ball3DStats } from './ball3d-scene.js';

const MODEL_URL = new URL('../assets/models/ml-agents/3DBall.onnx', location.href).href;
const HAVOK_URL = new URL('../vendor/HavokPhysics.wasm', location.href).href;
const COLOURS: Record<string, string> = { platform: '#3a7bd5', ball: '#eeeeee' };

const withPolicy = new URLSearchParams(location.search).get('policy') !== 'none';
const state = Object.assign(exposeCollabState(), {
  /** Episodes ended (balls fallen plus MaxStep interruptions). */
  episodes: 0,
  /** Balls on their platform for 2 s or more. */
  balanced: 0,
  falls: 0,
  /** Steps simulated, 0.02 s each. */
  steps: 0,
  policy: withPolicy ? '3DBall.onnx' : 'none',
  backend: '',
});

const canvas = document.getElementById('scene') as HTMLCanvasElement;
const engine = new Engine(canvas, true);
const scene = new Scene(engine);
scene.clearColor = new Color4(0.467, 0.565, 0.608, 1); // the ML-Agents scene's background
// The original camera's view (from (4.5, 15, -43.83), pitched down 15°, vertical field of view 35°), panned
// 4.5 m to the left to leave room for the caption.
const camera = new ArcRotateCamera('camera', -Math.PI / 2, (75 * Math.PI) / 180, 50.5, new Vector3(0, 1.9, 5), scene);
camera.fov = (35 * Math.PI) / 180;
camera.lowerRadiusLimit = 20;
camera.upperRadiusLimit = 90;
camera.attachControl(true);
const light = new HemisphericLight('light', new Vector3(0.4, 1, -0.6), scene);
light.groundColor = new Color3(0.35, 0.35, 0.4);

function paint(): void {
  for (const [tag, colour] of Object.entries(COLOURS)) {
    const material = new StandardMaterial(tag, scene);
    material.diffuseColor = Color3.FromHexString(colour);
    material.specularColor = new Color3(0.15, 0.15, 0.15);
    for (const mesh of scene.meshes) if ((mesh.metadata as { tag?: string } | null)?.tag === tag) mesh.material = material;
  }
}

function show(stats: Ball3DStats): void {
  const seconds = (steps: number): string => `${(steps * STEP_SECONDS).toFixed(1)} s`;
  const text: Record<string, string> = {
    balanced: `${stats.balanced} / 12`,
    episodes: `${stats.episodes} (${stats.falls} fallen)`,
    length: Number.isNaN(stats.averageEpisodeSteps) ? 'none ended yet' : seconds(stats.averageEpisodeSteps),
    time: seconds(stats.steps),
    policy: withPolicy ? `3DBall.onnx on ${state.backend}` : 'none (zero actions)',
  };
  for (const [key, value] of Object.entries(text)) document.getElementById(`stat-${key}`)!.textContent = value;
}

async function loadPolicy(): Promise<Policy> {
  if (!withPolicy) return new HeuristicPolicy(ActionSpec.continuous(2), () => undefined);
  const model = await loadModel(MODEL_URL, { backend: 'cpu' });
  state.backend = model.backend;
  return MLAgentsPolicy.fromModel(model);
}

async function start(): Promise<void> {
  const [havok, policy] = await Promise.all([HavokPhysics({ locateFile: () => HAVOK_URL }), loadPolicy()]);
  const ball3d = createBall3DScene(scene, { havok, policy });
  paint();
  for (const behavior of ball3d.behaviors) {
    behavior.onDecisionErrorObservable.add((error) => state.errors.push(`${behavior.name}: ${describeError(error)}`));
  }
  scene.onAfterRenderObservable.add(() => {
    const stats = ball3d.stats();
    Object.assign(state, { decisions: ball3d.decisions, episodes: stats.episodes, balanced: stats.balanced, falls: stats.falls, steps: stats.steps });
    if (state.decisions > 0) state.ready = true;
    if (stats.steps % 10 === 0) show(stats);
  });
  engine.runRenderLoop(() => scene.render());
}

start().catch((error: unknown) => {
  state.errors.push(describeError(error));
  document.getElementById('stat-policy')!.textContent = `failed: ${describeError(error)}`;
});
window.addEventListener('resize', () => engine.resize());
