/**
 * The collaborator of the studio: it observes the last moves of the melody (a VectorSensor), an MlpPolicy
 * proposes the next move, and an OnlineTrainer learns from every accepted or corrected proposal of the session.
 */
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import {
  adam, CollaborationSession, CollaboratorBehavior, FeedbackBuffer, Mlp, MlpPolicy, mseLoss, OnlineTrainer,
  VectorSensor, type FrameScheduler,
} from 'babylon-collaborator';
import { MOVES, OBSERVATION_SIZE, type Melody } from './melody.js';

/** The parts of the composer the scene wires up. */
export interface Composer {
  readonly behavior: CollaboratorBehavior;
  readonly trainer: OnlineTrainer;
  readonly session: CollaborationSession;
}

/** Creates the composer on `node`, observing `melody`. */
export function createComposer(node: TransformNode, melody: Melody, scheduler: FrameScheduler): Composer {
  const model = Mlp.create({ sizes: [OBSERVATION_SIZE, 32, MOVES.maskSize], activations: ['relu', 'identity'], seed: 7 });
  const policy = new MlpPolicy(model, { actionSpec: MOVES });
  const behavior = new CollaboratorBehavior({
    name: 'composer',
    sensors: [new VectorSensor({ name: 'melody', size: OBSERVATION_SIZE, observe: (out) => melody.observe(out) })],
    actions: MOVES,
    policy,
    decisionPeriod: 60,
    scheduler,
  });
  node.addBehavior(behavior);
  const trainer = new OnlineTrainer(model, {
    optimizer: adam({ lr: 0.01 }),
    loss: mseLoss,
    buffer: new FeedbackBuffer({ capacity: 256, seed: 7 }),
    scheduler,
    batchSize: 16,
    stepsPerFeedback: 40,
  });
  trainer.attach(behavior);
  const session = new CollaborationSession({ collaborator: behavior, window: 8 });
  return { behavior, trainer, session };
}
