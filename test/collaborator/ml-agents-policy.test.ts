import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { expect } from 'chai';
import { ActionSpec } from '../../src/collaborator/action-spec.js';
import { CollaboratorBehavior } from '../../src/collaborator/collaborator-behavior.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { MLAgentsPolicy } from '../../src/collaborator/ml-agents-policy.js';
import type { DecisionBatch } from '../../src/collaborator/policy.js';
import { createOnnxRuntimeModel } from '../../src/onnxruntime/index.js';
import { loadModel } from '../../src/runtime/load-model.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { VectorSensor } from '../../src/sensors/vector-sensor.js';
import { createScene, runFrames } from '../helpers/scene.js';
import { expectAllowed, expectClose, randomMasks, readBytes, uniform } from '../runtime/helpers.js';

const ML = 'assets/models/ml-agents/';
const cpu = { load: { backend: 'cpu' } } as const;
const batchOf = (observations: Tensor[], extra: Partial<DecisionBatch> = {}): DecisionBatch => ({
  size: observations[0].dims[0], observations, sensorNames: observations.map((_, i) => `s${i}`), ...extra,
});

describe('MLAgentsPolicy', () => {
  describe('.load()', () => {
    it('reads the version, the action spec and the memory size from the model', async () => {
      const ball = await MLAgentsPolicy.load(readBytes(`${ML}3DBall.onnx`), cpu);
      expect([ball.version, ball.memorySize, ball.actionSpec.toString()]).to.deep.equal([3, 0, 'continuous(2)']);
      const hybrid = await MLAgentsPolicy.load(readBytes(`${ML}hybrid0vis8vec_2c_2_3d_v2_0.onnx`), cpu);
      expect([hybrid.memorySize, hybrid.actionSpec.toString()]).to.deep.equal([128, 'continuous(2) + discrete[2, 3]']);
      ball.dispose();
      hybrid.dispose();
    });
    it('rejects an action spec that differs from the model, and bad options', async () => {
      const bytes = readBytes(`${ML}3DBall.onnx`);
      const error = await MLAgentsPolicy.load(bytes, { ...cpu, actionSpec: ActionSpec.continuous(3) }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SpecMismatchError).with.property('message').match(/continuous\(3\).*continuous\(2\)/);
      expect(await MLAgentsPolicy.load(bytes, { deterministic: 'yes' as never }).catch((e: unknown) => e)).to.be.instanceOf(TypeError);
    });
  });

  describe('#decide()', () => {
    it('gives the deterministic actions of every agent in one run, as onnxruntime-web computes them', async () => {
      const bytes = readBytes(`${ML}3DBallHard.onnx`);
      const policy = await MLAgentsPolicy.load(bytes, cpu);
      const reference = await createOnnxRuntimeModel(bytes);
      const [a, b] = [uniform([5, 27], 41), uniform([5, 18], 42)];
      const actions = await policy.decide(batchOf([a, b]));
      const want = (await reference.run({ obs_0: a, obs_1: b }))['deterministic_continuous_actions'];
      expectClose(new Tensor('float32', Float32Array.from(actions.flatMap((x) => [...x.continuous])), [5, 2]), want, 'actions');
      policy.dispose();
      reference.dispose();
    });
    it('samples discrete actions that the batch masks allow, as Int32Array', async () => {
      const policy = await MLAgentsPolicy.load(readBytes(`${ML}discrete_rank2_vector_v2_0.onnx`), cpu);
      const n = 64;
      const masks = randomMasks(n, [3, 3, 3], 43);
      const actions = await policy.decide(batchOf([uniform([n, 20, 23], 44), uniform([n, 10], 45), uniform([n, 8], 46)], { actionMasks: masks }));
      expect(actions[0].discrete).to.be.instanceOf(Int32Array);
      expectAllowed(new Tensor('int32', Int32Array.from(actions.flatMap((x) => [...x.discrete])), [n, 3]), masks, [3, 3, 3]);
      policy.dispose();
    });
    it('keeps the recurrent memory of each agent across decisions', async () => {
      const bytes = readBytes(`${ML}hybrid0vis8vec_2c_2_3d_v2_0.onnx`);
      const policy = await MLAgentsPolicy.load(bytes, cpu);
      const reference = await loadModel(bytes, { backend: 'cpu' });
      const obs = uniform([2, 8], 47);
      await policy.decide(batchOf([obs], { agentIds: [7, 9] }));
      const ones = new Tensor('float32', new Float32Array(10).fill(1), [2, 5]);
      const first = (await reference.run({ obs_0: obs, action_masks: ones, recurrent_in: Tensor.zeros('float32', [2, 1, 128]) }))['recurrent_out'];
      expectClose(new Tensor('float32', policy.memoryOf(9)!, [1, 1, 128]), new Tensor('float32', (first.data as Float32Array).slice(128), [1, 1, 128]), 'memory of agent 9');
      const row9 = new Tensor('float32', obs.data.slice(8), [1, 8]);
      await policy.decide(batchOf([row9], { agentIds: [9] }));
      const second = (await reference.run({ obs_0: row9, action_masks: new Tensor('float32', new Float32Array(5).fill(1), [1, 5]), recurrent_in: new Tensor('float32', (first.data as Float32Array).slice(128), [1, 1, 128]) }))['recurrent_out'];
      expectClose(new Tensor('float32', policy.memoryOf(9)!, [1, 1, 128]), second, 'memory of agent 9 after its second decision');
      expectClose(new Tensor('float32', policy.memoryOf(7)!, [128]), new Tensor('float32', (first.data as Float32Array).slice(0, 128), [128]), 'memory of agent 7, untouched');
      policy.resetMemory(9);
      expect(policy.memoryOf(9)).to.equal(undefined);
      policy.dispose();
      reference.dispose();
    });
  });

  it('drives 3DBall agents through CollaboratorBehavior, one batched decision per frame', async () => {
    const { engine, scene } = createScene();
    const policy = await MLAgentsPolicy.load(readBytes(`${ML}3DBall.onnx`), cpu);
    const reference = await createOnnxRuntimeModel(readBytes(`${ML}3DBall.onnx`));
    let calls = 0;
    const decide = policy.decide.bind(policy);
    policy.decide = (batch) => {
      calls++;
      return decide(batch);
    };
    // Each agent observes a ball resting off-centre on its platform: rotation z, x; ball position; velocity.
    const agents = [0, 1, 2, 3].map((i) => {
      const node = new TransformNode(`platform-${i}`, scene);
      const state = Float32Array.of(0.05 * i, -0.02 * i, 0.5 - 0.3 * i, 4, 0.2 * i, 0, -0.1, 0);
      const behavior = new CollaboratorBehavior({ sensors: [new VectorSensor({ name: 'ball', size: 8, observe: (out) => out.set(state) })], actions: policy.actionSpec, policy, decisionPeriod: 1 });
      node.addBehavior(behavior);
      return { behavior, state };
    });
    await runFrames(scene, 3);
    expect(calls).to.be.within(2, 3);
    const want = (await reference.run({ obs_0: new Tensor('float32', Float32Array.from(agents.flatMap((a) => [...a.state])), [4, 8]) }))['deterministic_continuous_actions'];
    const got = new Tensor('float32', Float32Array.from(agents.flatMap((a) => [...a.behavior.lastDecision!.continuous])), [4, 2]);
    expectClose(got, want, '3DBall actions');
    agents.forEach((a) => a.behavior.dispose());
    policy.dispose();
    reference.dispose();
    scene.dispose();
    engine.dispose();
  });
});
