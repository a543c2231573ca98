import { expect } from 'chai';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { ActionSpec } from '../../src/collaborator/action-spec.js';
import { CollaboratorBehavior } from '../../src/collaborator/collaborator-behavior.js';
import { MlpPolicy } from '../../src/collaborator/mlp-policy.js';
import { FrameScheduler, type FrameRecord } from '../../src/scheduler/index.js';
import { VectorSensor } from '../../src/sensors/vector-sensor.js';
import { adam, FeedbackBuffer, Mlp, mseLoss, OnlineTrainer, Trainer, type OnlineProgress } from '../../src/learning/index.js';
import { SeededRandom } from '../../src/learning/random.js';
import { createScene, observersSettled, runFrames } from '../helpers/scene.js';

/** The simulated human's hidden preferred mapping from the 3 observations to the 2 actions. */
const PREFERRED = [[0.6, -0.3, 0.2], [-0.2, 0.1, 0.7]];
const TOLERANCE = 0.1;
const PERIOD = 5;

function preferred(observation: Float32Array): Float32Array {
  return Float32Array.from(PREFERRED, (row) => row.reduce((sum, m, j) => sum + m * observation[j], 0));
}

interface Session {
  behavior: CollaboratorBehavior;
  policy: MlpPolicy;
  scheduler: FrameScheduler;
  /** Per decision: did the AI act within tolerance of the human's preference (ground truth)? */
  agreed: boolean[];
  /** Corrections given before each decision. */
  correctionsAt: number[];
  frames: FrameRecord[];
}

/** A collaborator on a NullEngine scene, watched by a simulated human who corrects every decision it disagrees with. */
function startSession(scene: Scene): Session {
  const random = new SeededRandom(11);
  const scheduler = new FrameScheduler({ budgetMs: 2 });
  scheduler.attachToScene(scene);
  const policy = new MlpPolicy(Mlp.create({ sizes: [3, 8, 2], activations: ['tanh', 'identity'], seed: 5 }));
  const behavior = new CollaboratorBehavior({
    sensors: [new VectorSensor({ size: 3, observe: (out) => out.forEach((_, i) => (out[i] = random.uniform(-1, 1))) })],
    actions: ActionSpec.continuous(2), policy, decisionPeriod: PERIOD, scheduler,
  });
  new TransformNode('agent', scene).addBehavior(behavior);
  const session: Session = { behavior, policy, scheduler, agreed: [], correctionsAt: [], frames: [] };
  let corrections = 0;
  behavior.onDecisionObservable.add((event) => {
    const wanted = preferred(behavior.lastObservation!);
    const agrees = wanted.every((h, i) => Math.abs(h - event.actions.continuous[i]) <= TOLERANCE);
    session.agreed.push(agrees);
    session.correctionsAt.push(corrections);
    if (!agrees) {
      behavior.feedback({ humanAction: { continuous: wanted, discrete: new Int32Array(0) } });
      corrections++;
    }
  });
  scheduler.onFrameObservable.add((record) => session.frames.push(record));
  return session;
}

/** Index of the first decision ending a window of 20 with >= 90% ground-truth agreement, or -1. */
function firstAgreeingWindow(agreed: readonly boolean[]): number {
  for (let end = 20; end <= agreed.length; end++) {
    if (agreed.slice(end - 20, end).filter(Boolean).length >= 18) return end - 1;
  }
  return -1;
}

describe('OnlineTrainer', () => {
  let engine: NullEngine;
  let scene: Scene;
  // Let V8 optimise the training loops first, as in an app that has been running: a cold step runs interpreted
  // and takes a millisecond or more, which says nothing about how the trainer slices its work.
  before(() => {
    const model = Mlp.create({ sizes: [3, 8, 2], activations: ['tanh', 'identity'], seed: 1 });
    const trainer = new Trainer(model, { optimizer: adam({ lr: 1e-3 }), loss: mseLoss });
    const x = new Float32Array(64 * 3).fill(0.5);
    const y = new Float32Array(64 * 2).fill(0.1);
    for (let i = 0; i < 3000; i++) trainer.trainBatch(x, y, 1 + (i % 64), y);
  });
  beforeEach(() => ({ engine, scene } = createScene()));
  afterEach(() => {
    scene.dispose();
    engine.dispose();
  });

  describe('#attach()', () => {
    it('learns the human preference from <= 30 corrections to >= 90% agreement, within the frame budget', async () => {
      const session = startSession(scene);
      const trainer = new OnlineTrainer(session.policy.model, {
        optimizer: adam({ lr: 0.02 }), loss: mseLoss, buffer: new FeedbackBuffer({ capacity: 256, seed: 1 }), scheduler: session.scheduler, sliceMs: 0.25,
      });
      const progress: OnlineProgress[] = [];
      trainer.onProgressObservable.add((p) => progress.push(p));
      trainer.attach(session.behavior);
      await runFrames(scene, 120 * PERIOD);

      const reached = firstAgreeingWindow(session.agreed);
      expect(reached, 'a 20-decision window with >= 90% agreement').to.be.at.least(0);
      expect(session.correctionsAt[reached], 'corrections needed').to.be.at.most(30);
      expect(session.policy.weightsVersion).to.be.greaterThan(0);
      expect(trainer.agreement, "the trainer's own agreement").to.be.at.least(0.9);
      expect(progress.length).to.be.greaterThan(0);
      expect(progress.every((p) => Number.isFinite(p.loss) && p.agreement >= 0 && p.agreement <= 1)).to.equal(true);
      expect(progress[progress.length - 1].steps).to.equal(trainer.steps);
      // The budget holds: in a frame where training ran, busy time exceeds the budget by at most the frame's one
      // last slice (started while budget was left). Wall-clock time outside any slice (a garbage-collection pause,
      // the OS running another process on this shared machine) is nobody's doing: allow it in 10% of those frames.
      const training = session.frames.filter((f) => f.longestSliceTask === 'OnlineTrainer.train');
      expect(training.length, 'frames whose longest slice was training').to.be.greaterThan(5);
      const over = training.filter((f) => f.busyMs > f.budgetMs + f.longestSliceMs + 0.5);
      expect(over.length, JSON.stringify(over)).to.be.at.most(Math.ceil(training.length / 10));
      expect(session.scheduler.stats().busyMs.p50, 'median busy ms per frame').to.be.at.most(session.scheduler.budgetMs + 0.5);
      trainer.dispose();
    });

    it('without learning, the collaborator never reaches 90% agreement', async () => {
      const session = startSession(scene);
      await runFrames(scene, 120 * PERIOD);
      expect(session.agreed.length).to.be.greaterThan(100);
      expect(firstAgreeingWindow(session.agreed)).to.equal(-1);
      expect(session.policy.weightsVersion).to.equal(0);
    });

    it('rejects a behaviour whose sizes do not fit the model', () => {
      const session = startSession(scene);
      const trainer = new OnlineTrainer(Mlp.create({ sizes: [4, 2], activations: ['identity'], seed: 1 }), {
        optimizer: adam({ lr: 0.01 }), loss: mseLoss, buffer: new FeedbackBuffer({ capacity: 8 }), scheduler: session.scheduler,
      });
      expect(() => trainer.attach(session.behavior)).to.throw(/observes 3 floats/);
    });
  });

  describe('#dispose()', () => {
    it('leaves no observer and no scheduled task, and is idempotent', async () => {
      const session = startSession(scene);
      const trainer = new OnlineTrainer(session.policy.model, {
        optimizer: adam({ lr: 0.01 }), loss: mseLoss, buffer: new FeedbackBuffer({ capacity: 8 }), scheduler: session.scheduler, stepsPerFeedback: 100000,
      });
      trainer.attach(session.behavior);
      await runFrames(scene, 3 * PERIOD);
      expect(trainer.isTraining).to.equal(true);
      trainer.dispose();
      trainer.dispose();
      await observersSettled();
      expect(session.behavior.onFeedbackObservable.observers.length).to.equal(0);
      expect(session.behavior.onDecisionObservable.observers.length).to.equal(1); // the simulated human's
      session.scheduler.tick();
      expect(session.scheduler.stats().queued).to.equal(0);
      expect(trainer.onProgressObservable.hasObservers()).to.equal(false);
    });
  });

  it('rejects bad options, naming them', () => {
    const scheduler = new FrameScheduler();
    const model = Mlp.create({ sizes: [2, 1], activations: ['identity'] });
    const base = { optimizer: adam({ lr: 0.01 }), loss: mseLoss, buffer: new FeedbackBuffer({ capacity: 4 }), scheduler };
    expect(() => new OnlineTrainer(model, { ...base, buffer: {} as FeedbackBuffer })).to.throw(TypeError, /buffer/);
    expect(() => new OnlineTrainer(model, { ...base, sliceMs: 0 })).to.throw(RangeError, /sliceMs/);
    expect(() => new OnlineTrainer(model, { ...base, batchSize: 1.5 })).to.throw(RangeError, /batchSize/);
    expect(() => new OnlineTrainer(model, { ...base, policy: new MlpPolicy(model.clone()) })).to.throw(RangeError, /policy/);
    scheduler.dispose();
  });
});
