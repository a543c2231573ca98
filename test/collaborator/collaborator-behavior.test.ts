import { expect } from 'chai';
import type { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import {
  ActionSpec, CollaboratorBehavior, FrameScheduler, HeuristicPolicy, SpecMismatchError, VectorSensor,
  type ActionBuffers, type DecisionBatch, type Policy,
} from '../../src/index.js';
import { createScene, observersSettled, runFrames } from '../helpers/scene.js';

/** A real policy that records each batch it is asked to decide, then steers every agent by its observation. */
class RecordingPolicy implements Policy {
  readonly actionSpec = ActionSpec.continuous(2);
  readonly calls: { frame: number; size: number; first: number[] }[] = [];
  frame = 0;
  decide(batch: DecisionBatch): Promise<ActionBuffers[]> {
    const obs = batch.observations[0].data as Float32Array;
    this.calls.push({ frame: this.frame, size: batch.size, first: Array.from(obs.subarray(0, 2)) });
    return Promise.resolve(Array.from({ length: batch.size }, (_, i) => ({
      continuous: Float32Array.of(obs[i * 2], obs[i * 2 + 1]),
      discrete: new Int32Array(0),
    })));
  }
  dispose(): void {}
}

/** A sensor observing the agent's x and z. */
function positionSensor(name = 'position'): VectorSensor {
  return new VectorSensor({ name, size: 2, observe: (out, agent) => {
    out[0] = agent?.position.x ?? 0;
    out[1] = agent?.position.z ?? 0;
  } });
}

describe('CollaboratorBehavior', () => {
  let engine: NullEngine;
  let scene: Scene;

  beforeEach(() => ({ engine, scene } = createScene()));
  afterEach(() => engine.dispose());

  function agent(policy: Policy, options: Partial<ConstructorParameters<typeof CollaboratorBehavior>[0]> = {}, x = 0) {
    const node = new TransformNode(`agent${x}`, scene);
    node.position.set(x, 0, x * 10);
    const behavior = new CollaboratorBehavior({ sensors: [positionSensor()], actions: policy.actionSpec, policy, ...options });
    node.addBehavior(behavior);
    return { node, behavior };
  }

  describe('#constructor()', () => {
    const policy = new HeuristicPolicy(ActionSpec.continuous(2), () => {});
    it('rejects a decision period of 0 with a RangeError naming the option and the value', () => {
      expect(() => new CollaboratorBehavior({ sensors: [], actions: policy.actionSpec, policy, decisionPeriod: 0 }))
        .to.throw(RangeError, /decisionPeriod.*got 0/);
    });
    it('rejects an offset outside the period', () => {
      expect(() => new CollaboratorBehavior({ sensors: [], actions: policy.actionSpec, policy, decisionPeriod: 4, decisionOffset: 4 }))
        .to.throw(RangeError, /decisionOffset.*\[0, 3\].*got 4/);
    });
    it('rejects two sensors with one name', () => {
      expect(() => new CollaboratorBehavior({ sensors: [positionSensor('a'), positionSensor('a')], actions: policy.actionSpec, policy }))
        .to.throw(RangeError, /two sensors named 'a'/);
    });
    it('rejects something that is not a sensor, naming its index', () => {
      expect(() => new CollaboratorBehavior({ sensors: [positionSensor(), {} as never], actions: policy.actionSpec, policy }))
        .to.throw(TypeError, /sensors\[1\]/);
    });
    it('rejects a policy whose actions differ from the spec', () => {
      expect(() => new CollaboratorBehavior({ sensors: [], actions: ActionSpec.discrete([3]), policy }))
        .to.throw(SpecMismatchError, /continuous\(2\).*discrete\[3\]/);
    });
  });

  describe('decision period', () => {
    it('decides every period frames, offsets staggered over the period', async () => {
      const policy = new RecordingPolicy();
      const agents = Array.from({ length: 10 }, (_, i) => agent(policy, {}, i));
      const decisions = agents.map(() => [] as number[]);
      agents.forEach(({ behavior }, i) => behavior.onDecisionObservable.add((e) => decisions[i].push(e.frame)));
      await runFrames(scene, 20);
      decisions.forEach((frames, i) => expect(frames).to.deep.equal([0, 5, 10, 15].map((f) => f + (i % 5))));
      expect(policy.calls.map((c) => c.size)).to.deep.equal(Array(20).fill(2));
    });

    it('50 agents sharing one policy cause exactly one decide() per decision frame', async () => {
      const policy = new RecordingPolicy();
      let frame = 0;
      scene.onBeforeRenderObservable.add(() => (policy.frame = frame++));
      for (let i = 0; i < 50; i++) agent(policy, { decisionPeriod: 5, decisionOffset: 0 }, i);
      await runFrames(scene, 11);
      expect(policy.calls.map((c) => [c.frame, c.size])).to.deep.equal([[0, 50], [5, 50], [10, 50]]);
    });

    it('hands each agent its own row of the batch, sensors ordered by name', async () => {
      const policy = new RecordingPolicy();
      const agents = [agent(policy, { decisionOffset: 0 }, 1), agent(policy, { decisionOffset: 0 }, 2)];
      await runFrames(scene, 1);
      expect(Array.from(agents[1].behavior.lastDecision!.continuous)).to.deep.equal([2, 20]);
      expect(Array.from(agents[1].behavior.lastObservation!)).to.deep.equal([2, 20]);
    });

    it('requestDecision() decides on the next frame whatever the period', async () => {
      const policy = new RecordingPolicy();
      const { behavior } = agent(policy, { decisionPeriod: 100, decisionOffset: 0 });
      await runFrames(scene, 3);
      behavior.requestDecision();
      await runFrames(scene, 3);
      expect(policy.calls).to.have.length(2);
    });
  });

  describe('#feedback()', () => {
    it('records the last observation, the AI action and the human action, and notifies', async () => {
      const policy = new RecordingPolicy();
      const { behavior } = agent(policy, { decisionOffset: 0 }, 3);
      await runFrames(scene, 1);
      const seen: unknown[] = [];
      behavior.onFeedbackObservable.add((r) => seen.push(r));
      const record = behavior.feedback({ humanAction: { continuous: Float32Array.of(1, -1), discrete: new Int32Array(0) } });
      expect(Array.from(record.observation)).to.deep.equal([3, 30]);
      expect(Array.from(record.aiAction.continuous)).to.deep.equal([3, 30]);
      expect(Array.from(record.humanAction.continuous)).to.deep.equal([1, -1]);
      expect(record.weight).to.equal(1);
      expect(seen).to.deep.equal([record]);
    });
    it('rejects a human action of the wrong size, naming it', async () => {
      const { behavior } = agent(new RecordingPolicy(), { decisionOffset: 0 });
      await runFrames(scene, 1);
      expect(() => behavior.feedback({ humanAction: { continuous: Float32Array.of(1), discrete: new Int32Array(0) } }))
        .to.throw(SpecMismatchError, /humanAction.*expected 2 continuous actions, got 1/);
    });
    it('says so when there is no decision yet', () => {
      const { behavior } = agent(new RecordingPolicy());
      expect(() => behavior.feedback({ humanAction: { continuous: Float32Array.of(1, 1), discrete: new Int32Array(0) } }))
        .to.throw(Error, /no decision yet/);
    });
  });

  describe('human override', () => {
    it('switches to the player heuristic and back at run time', async () => {
      const policy = new RecordingPolicy();
      const player = new HeuristicPolicy(policy.actionSpec, (_obs, actions) => actions.continuous.set([0.5, 0.25]));
      const { behavior } = agent(policy, { decisionPeriod: 1 }, 4);
      const events: [number, boolean][] = [];
      behavior.onDecisionObservable.add((e) => events.push([e.actions.continuous[0], e.overridden]));
      await runFrames(scene, 1);
      behavior.overrideWith(player);
      expect(behavior.isOverridden).to.equal(true);
      await runFrames(scene, 1);
      behavior.clearOverride();
      await runFrames(scene, 1);
      expect(events).to.deep.equal([[4, false], [0.5, true], [4, false]]);
    });
    it('refuses an override with other actions', () => {
      const { behavior } = agent(new RecordingPolicy());
      expect(() => behavior.overrideWith(new HeuristicPolicy(ActionSpec.discrete([2]), () => {}))).to.throw(SpecMismatchError);
    });
  });

  describe('errors', () => {
    it('reports a failing policy on onDecisionErrorObservable and keeps deciding', async () => {
      let fail = true;
      const policy = new HeuristicPolicy(ActionSpec.continuous(2), () => {
        if (fail) throw new Error('policy broke');
      });
      const { behavior } = agent(policy, { decisionPeriod: 1 });
      const errors: string[] = [];
      let decisions = 0;
      behavior.onDecisionErrorObservable.add((e) => errors.push(e.message));
      behavior.onDecisionObservable.add(() => decisions++);
      await runFrames(scene, 2);
      fail = false;
      await runFrames(scene, 2);
      expect(errors).to.deep.equal(['policy broke', 'policy broke']);
      expect(decisions).to.equal(2);
    });
    it('rejects a batch answer with the wrong number of decisions', async () => {
      const policy: Policy = { actionSpec: ActionSpec.continuous(2), decide: () => Promise.resolve([]), dispose() {} };
      const { behavior } = agent(policy, { decisionPeriod: 1 });
      const errors: Error[] = [];
      behavior.onDecisionErrorObservable.add((e) => errors.push(e));
      await runFrames(scene, 1);
      expect(errors[0]).to.be.instanceOf(SpecMismatchError);
      expect(errors[0].message).to.match(/expected 1 decisions.*got 0/);
    });
    it('rejects a sensor that writes fewer floats than its spec', async () => {
      const policy = new RecordingPolicy();
      const liar = positionSensor('liar');
      liar.write = () => 1;
      const node = new TransformNode('n', scene);
      const behavior = new CollaboratorBehavior({ sensors: [liar], actions: policy.actionSpec, policy, decisionPeriod: 1 });
      node.addBehavior(behavior);
      const errors: string[] = [];
      behavior.onDecisionErrorObservable.add((e) => errors.push(e.message));
      await runFrames(scene, 1);
      expect(errors[0]).to.match(/sensor 'liar' wrote 1 floats.*declares 2/);
    });
  });

  describe('action masks', () => {
    it('hands each agent\'s mask to the policy in the batch, 1 = allowed', async () => {
      const masks: number[][] = [];
      const policy = new HeuristicPolicy(ActionSpec.discrete([3, 2]), (obs, actions) => {
        masks.push(Array.from(obs.mask!));
        actions.discrete[0] = obs.mask!.indexOf(1);
      });
      const node = new TransformNode('n', scene);
      const behavior = new CollaboratorBehavior({
        sensors: [positionSensor()], actions: policy.actionSpec, policy, decisionPeriod: 1,
        actionMask: (mask) => {
          mask.setActionEnabled(0, 0, false);
          mask.setActionEnabled(1, 1, false);
        },
      });
      node.addBehavior(behavior);
      await runFrames(scene, 1);
      expect(masks).to.deep.equal([[0, 1, 1, 1, 0]]);
      expect(behavior.lastDecision!.discrete[0]).to.equal(1);
    });
    it('reports a mask that forbids a whole branch, and a mask on continuous actions', async () => {
      const policy = new HeuristicPolicy(ActionSpec.discrete([2]), () => {});
      const node = new TransformNode('n', scene);
      const behavior = new CollaboratorBehavior({ sensors: [], actions: policy.actionSpec, policy, decisionPeriod: 1,
        actionMask: (mask) => [0, 1].forEach((a) => mask.setActionEnabled(0, a, false)) });
      node.addBehavior(behavior);
      const errors: string[] = [];
      behavior.onDecisionErrorObservable.add((e) => errors.push(e.message));
      await runFrames(scene, 1);
      expect(errors[0]).to.match(/forbids every action of branch 0/);
      const continuous = new RecordingPolicy();
      expect(() => new CollaboratorBehavior({ sensors: [], actions: continuous.actionSpec, policy: continuous, actionMask: () => {} }))
        .to.throw(RangeError, /actionMask.*discrete/);
    });
  });

  describe('with a scheduler', () => {
    it('decides as a critical task and updates expensive sensors as normal tasks first', async () => {
      const scheduler = new FrameScheduler({ budgetMs: 50 });
      const detach = scheduler.attachToScene(scene);
      const updates: string[] = [];
      const cheap = positionSensor('cheap');
      const expensive = Object.assign(positionSensor('expensive'), { expensive: true });
      const originalUpdate = expensive.update.bind(expensive);
      expensive.update = () => (updates.push('expensive'), originalUpdate());
      const policy = new RecordingPolicy();
      const node = new TransformNode('n', scene);
      const behavior = new CollaboratorBehavior({ sensors: [cheap, expensive], actions: policy.actionSpec, policy, decisionPeriod: 5, scheduler });
      node.addBehavior(behavior);
      const frames: number[] = [];
      behavior.onDecisionObservable.add((e) => frames.push(e.frame));
      await runFrames(scene, 12);
      // Due at frames 0, 5, 10: the update runs in the next frame's tick, the agent observes in the frame after
      // (2, 7) and its decide() runs as a critical task in the following tick.
      expect(updates).to.have.length(3);
      expect(frames).to.deep.equal([2, 7]);
      expect(scheduler.stats().tasks.done).to.equal(5);
      detach();
      scheduler.dispose();
    });
  });

  describe('non-finite observations', () => {
    it('replaces NaN and Infinity by 0 before the policy sees them, and reports them', async () => {
      const policy = new RecordingPolicy();
      const node = new TransformNode('n', scene);
      const broken = new VectorSensor({ name: 'position', size: 2, observe: () => {} });
      broken.write = (out, offset) => (out.set([NaN, -Infinity], offset), 2);
      const behavior = new CollaboratorBehavior({ sensors: [broken], actions: policy.actionSpec, policy, decisionPeriod: 1 });
      node.addBehavior(behavior);
      const events: unknown[] = [];
      behavior.onNonFiniteObservable.add((e) => events.push(e));
      await runFrames(scene, 1);
      expect(policy.calls[0].first).to.deep.equal([0, 0]);
      expect(events).to.deep.equal([{ sensor: 'position', count: 2, indices: [0, 1] }]);
    });
  });

  describe('#detach()', () => {
    it('leaves the scene with as many observers as before', async () => {
      const before = [scene.onBeforeRenderObservable.observers.length, scene.onDisposeObservable.observers.length];
      const a = agent(new RecordingPolicy());
      const b = agent(new RecordingPolicy(), {}, 1);
      await runFrames(scene, 2);
      a.node.removeBehavior(a.behavior);
      b.node.removeBehavior(b.behavior);
      await observersSettled();
      expect([scene.onBeforeRenderObservable.observers.length, scene.onDisposeObservable.observers.length]).to.deep.equal(before);
      expect(a.behavior.attachedNode).to.equal(null);
    });
    it('stops deciding', async () => {
      const policy = new RecordingPolicy();
      const { node, behavior } = agent(policy, { decisionPeriod: 1 });
      await runFrames(scene, 2);
      node.removeBehavior(behavior);
      await runFrames(scene, 2);
      expect(policy.calls).to.have.length(2);
    });
  });

  describe('#dispose()', () => {
    it('is harmless twice, removes the behaviour from its node and clears observables', async () => {
      const { node, behavior } = agent(new RecordingPolicy());
      behavior.onDecisionObservable.add(() => {});
      behavior.dispose();
      behavior.dispose();
      expect(node.behaviors).to.not.include(behavior);
      expect(behavior.onDecisionObservable.hasObservers()).to.equal(false);
      expect(() => node.addBehavior(behavior)).to.throw(/after dispose/);
    });
    it('is detached when its node is disposed', async () => {
      const { node, behavior } = agent(new RecordingPolicy());
      node.dispose();
      expect(behavior.attachedNode).to.equal(null);
    });
  });
});
