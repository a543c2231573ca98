import { expect } from 'chai';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { ActionSpec } from '../../src/collaborator/action-spec.js';
import { CollaboratorBehavior } from '../../src/collaborator/collaborator-behavior.js';
import { HeuristicPolicy } from '../../src/collaborator/heuristic-policy.js';
import { MlpPolicy } from '../../src/collaborator/mlp-policy.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { VectorSensor } from '../../src/sensors/vector-sensor.js';
import { adam, DemonstrationRecorder, Mlp, mseLoss, Trainer } from '../../src/learning/index.js';
import { SeededRandom } from '../../src/learning/random.js';
import { createScene, observersSettled, runFrames } from '../helpers/scene.js';

describe('DemonstrationRecorder', () => {
  let engine: NullEngine;
  let scene: Scene;
  beforeEach(() => ({ engine, scene } = createScene()));
  afterEach(() => {
    scene.dispose();
    engine.dispose();
  });

  /** A player steering toward a target: continuous = clamp(2 * o[0] - o[1]), discrete = o[2] > 0. */
  const player = (o: Float32Array, out: { continuous: Float32Array; discrete: Int32Array }): void => {
    out.continuous[0] = Math.max(-1, Math.min(1, 2 * o[0] - o[1]));
    out.discrete[0] = o[2] > 0 ? 1 : 0;
  };

  function setUp(): { behavior: CollaboratorBehavior; model: Mlp } {
    const random = new SeededRandom(3);
    const spec = ActionSpec.hybrid(1, [2]);
    const model = Mlp.create({ sizes: [3, 16, 3], activations: ['tanh', 'identity'], seed: 2 });
    const behavior = new CollaboratorBehavior({
      sensors: [new VectorSensor({ size: 3, observe: (out) => out.forEach((_, i) => (out[i] = random.uniform(-1, 1))) })],
      actions: spec, policy: new MlpPolicy(model, { actionSpec: spec }), decisionPeriod: 1,
    });
    new TransformNode('agent', scene).addBehavior(behavior);
    behavior.overrideWith(new HeuristicPolicy(spec, (obs, out) => player(obs.sensors.vector, out)));
    return { behavior, model };
  }

  describe('#toDataset()', () => {
    it('records the player\'s decisions with their observations, and behaviour cloning learns them', async () => {
      const { behavior, model } = setUp();
      const recorder = new DemonstrationRecorder();
      recorder.attach(behavior);
      await runFrames(scene, 300);
      expect(recorder.size).to.be.within(295, 300);
      const data = recorder.toDataset();
      const x = data.x.data as Float32Array, y = data.y.data as Float32Array;
      for (let i = 0; i < 20; i++) {
        const out = { continuous: new Float32Array(1), discrete: new Int32Array(1) };
        player(x.subarray(i * 3, i * 3 + 3), out);
        expect(y[i * 3]).to.be.closeTo(out.continuous[0], 1e-6);
        expect([y[i * 3 + 1], y[i * 3 + 2]]).to.deep.equal(out.discrete[0] ? [0, 1] : [1, 0]);
      }
      await new Trainer(model, { optimizer: adam({ lr: 0.01 }), loss: mseLoss }).fit(data, { epochs: 150, batchSize: 32, seed: 1 });
      // The cloned policy decides like the player on fresh observations.
      const policy = new MlpPolicy(model, { actionSpec: behavior.actions });
      const random = new SeededRandom(99);
      const obs = Float32Array.from({ length: 100 * 3 }, () => random.uniform(-1, 1));
      const decisions = await policy.decide({ size: 100, observations: [new Tensor('float32', obs, [100, 3])], sensorNames: ['vector'] });
      let close = 0, same = 0;
      decisions.forEach((d, i) => {
        const out = { continuous: new Float32Array(1), discrete: new Int32Array(1) };
        player(obs.subarray(i * 3, i * 3 + 3), out);
        if (Math.abs(d.continuous[0] - out.continuous[0]) < 0.15) close++;
        if (d.discrete[0] === out.discrete[0]) same++;
      });
      expect(close).to.be.at.least(85);
      expect(same).to.be.at.least(90);
      recorder.dispose();
    });
    it('ignores decisions of the collaborator\'s own policy', async () => {
      const { behavior } = setUp();
      behavior.clearOverride();
      const recorder = new DemonstrationRecorder();
      recorder.attach(behavior);
      await runFrames(scene, 20);
      expect(recorder.size).to.equal(0);
      expect(() => recorder.toDataset()).to.throw(RangeError, /no demonstration/);
      recorder.dispose();
    });
  });

  describe('#dispose()', () => {
    it('removes its observers and is idempotent', async () => {
      const { behavior } = setUp();
      const before = [behavior.onObservationObservable.observers.length, behavior.onDecisionObservable.observers.length];
      const recorder = new DemonstrationRecorder({ capacity: 10 });
      recorder.attach(behavior);
      await runFrames(scene, 30);
      expect(recorder.size).to.equal(10);
      recorder.dispose();
      recorder.dispose();
      await observersSettled();
      expect([behavior.onObservationObservable.observers.length, behavior.onDecisionObservable.observers.length]).to.deep.equal(before);
    });
  });
});
