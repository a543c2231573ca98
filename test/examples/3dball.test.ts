import { readFile } from 'node:fs/promises';
import type { Scene } from '@babylonjs/core/scene.js';
import HavokPhysics, { type HavokPhysicsWithBindings } from '@babylonjs/havok';
import { expect } from 'chai';
import { ActionSpec, HeuristicPolicy, MLAgentsPolicy, type Policy } from 'babylon-collaborator';
import { createBall3DScene, STEP_SECONDS, type Ball3DScene } from '../../examples/3dball/ball3d-scene.js';
import { createScene, runFrames } from '../helpers/scene.js';

const HAVOK_WASM = 'node_modules/@babylonjs/havok/lib/esm/HavokPhysics.wasm';
const MODEL = 'assets/models/ml-agents/3DBall.onnx';

async function loadHavok(): Promise<HavokPhysicsWithBindings> {
  const bytes = await readFile(HAVOK_WASM);
  return HavokPhysics({ wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
}

/** Steps for `seconds` of simulated time. */
const stepsOf = (seconds: number): number => Math.round(seconds / STEP_SECONDS);

describe('examples/3dball (headless, Havok)', function () {
  this.timeout(120_000);
  let havok: HavokPhysicsWithBindings;
  let scene: Scene;
  let ball3d: Ball3DScene | undefined;
  let policy: Policy | undefined;

  before(async () => {
    havok = await loadHavok();
  });

  beforeEach(() => {
    ({ scene } = createScene());
  });

  afterEach(() => {
    ball3d?.dispose();
    policy?.dispose();
    scene.getEngine().dispose();
    ball3d = undefined;
    policy = undefined;
  });

  it('keeps all twelve balls on their platforms for 60 s under the unmodified 3DBall policy', async () => {
    policy = await MLAgentsPolicy.load(new Uint8Array(await readFile(MODEL)), { load: { backend: 'cpu' } });
    ball3d = createBall3DScene(scene, { havok, policy });
    await runFrames(scene, stepsOf(60));
    const stats = ball3d.stats();
    expect(stats.steps).to.equal(stepsOf(60));
    expect(stats.falls, 'balls fallen').to.equal(0);
    expect(stats.balanced).to.equal(12);
    // One batched decision for the twelve agents every 5 steps.
    expect(ball3d.decisions).to.equal(12 * (stepsOf(60) / 5));
  });

  it('drops the balls without the policy (zero actions)', async () => {
    policy = new HeuristicPolicy(ActionSpec.continuous(2), () => undefined);
    ball3d = createBall3DScene(scene, { havok, policy });
    await runFrames(scene, stepsOf(10));
    const stats = ball3d.stats();
    expect(stats.falls, 'balls fallen in 10 s').to.be.greaterThan(12);
    expect(stats.averageEpisodeSteps).to.be.lessThan(stepsOf(5));
  });
});
