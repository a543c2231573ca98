import { expect } from 'chai';
import type { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';
import {
  ActionSpec, CollaboratorBehavior, HeuristicPolicy, SpecMismatchError, VectorSensor,
  type ActionBuffers, type FeedbackRecord,
} from '../../src/index.js';
import { CollaborationSession } from '../../src/reasoning/collaboration-session.js';
import type { Answer, Proposal } from '../../src/reasoning/proposal.js';
import { ProposalAnsweredError, UnknownProposalError } from '../../src/reasoning/session-errors.js';
import { createScene, runFrames } from '../helpers/scene.js';

const actions = (...values: number[]): ActionBuffers => ({ continuous: Float32Array.from(values), discrete: new Int32Array(0) });

/** A collaborator deciding (x, z) of its node, as CollaboratorBehavior tests do. */
function collaborator(): CollaboratorBehavior {
  const spec = ActionSpec.continuous(2);
  return new CollaboratorBehavior({
    sensors: [new VectorSensor({ name: 'position', size: 2, observe: (out, node) => {
      out[0] = node?.position.x ?? 0;
      out[1] = node?.position.z ?? 0;
    } })],
    actions: spec,
    policy: new HeuristicPolicy(spec, (o, a) => a.continuous.set([-o.sensors.position[0], -o.sensors.position[1]])),
  });
}

/** What a FeedbackBuffer does with the behaviour's feedback: keeps the records. */
class RecordingBuffer {
  readonly records: FeedbackRecord[] = [];
  add(record: FeedbackRecord): void {
    this.records.push(record);
  }
}

describe('CollaborationSession', () => {
  let now: number;
  const clock = (): number => now;
  beforeEach(() => (now = 0));

  describe('metrics over a scripted human', () => {
    it('gives the exact agreement, ||A - H||^2 and correction rates after each answer', () => {
      const session = new CollaborationSession({ actions: ActionSpec.continuous(2), window: 4, rateWindowMs: 40_000, clock });
      const at = (t: number): void => void (now = t);

      at(10_000); const p1 = session.propose({ kind: 'action', content: 'go right', actions: actions(1, 0), confidence: 0.9 });
      at(15_000); session.accept(p1.id, { via: 'gui' });
      at(20_000); const p2 = session.propose({ kind: 'action', content: 'go up-right', actions: actions(0.5, 0.5), confidence: 0.6 });
      at(30_000); expect(session.correct(p2.id, actions(0.5, -0.5), { via: 'demonstration' }).squaredError).to.equal(1);
      at(40_000); const p3 = session.propose({ kind: 'suggestion', content: 'Shall we visit room B?', confidence: 0.5 });
      at(45_000); session.reject(p3.id, 'too far');
      at(60_000); const p4 = session.propose({ kind: 'action', content: 'stay', actions: actions(0, 0), confidence: 0.3 });
      at(90_000); expect(session.correct(p4.id, '1, 1', { via: 'text' }).squaredError).to.equal(2);
      at(100_000); const p5 = session.propose({ kind: 'answer', content: 'x = 2', value: { x: 2 }, confidence: 0.99 });
      at(120_000); session.accept(p5.id);

      expect(session.snapshot).to.deep.equal({
        time: 120_000, answered: 5, accepted: 2, rejected: 1, corrected: 2,
        agreementRate: 0.4, windowAgreementRate: 0.25, meanSquaredError: 1, lastSquaredError: 2,
        correctionsPerMinute: 1, recentCorrectionsPerMinute: 1.5,
      });
      expect(session.metrics.series('agreementRate')).to.deep.equal({
        times: [15_000, 30_000, 45_000, 90_000, 120_000], values: [1, 0.5, 1 / 3, 0.25, 0.4],
      });
      expect(session.metrics.series('windowAgreementRate').values).to.deep.equal([1, 0.5, 1 / 3, 0.25, 0.25]);
      expect(session.metrics.series('meanSquaredError').values).to.deep.equal([0, 0.5, 0.5, 1, 1]);
      expect(session.metrics.series('correctionsPerMinute').values).to.deep.equal([0, 2, 4 / 3, 4 / 3, 1]);
      expect(session.pending).to.deep.equal([]);
    });

    it('reports NaN rates before any answer and keeps at most historyCapacity snapshots', () => {
      const session = new CollaborationSession({ historyCapacity: 2, clock });
      const first = session.snapshot;
      expect(first.agreementRate).to.be.NaN;
      expect(first.meanSquaredError).to.be.NaN;
      expect(first.correctionsPerMinute).to.be.NaN;
      for (let i = 0; i < 3; i++) {
        now += 1000;
        session.accept(session.propose({ kind: 'suggestion', content: `s${i}`, confidence: 1 }).id);
      }
      expect(session.metrics.history.map((s) => s.time)).to.deep.equal([2000, 3000]);
    });
  });

  describe('feedback for learning', () => {
    let engine: NullEngine;
    let scene: Scene;
    beforeEach(() => ({ engine, scene } = createScene()));
    afterEach(() => engine.dispose());

    it('sends H = A on accept and H = the correction on correct to the behaviour\'s onFeedbackObservable', () => {
      const behavior = collaborator();
      const buffer = new RecordingBuffer();
      behavior.onFeedbackObservable.add((record) => buffer.add(record));
      const session = new CollaborationSession({ collaborator: behavior, clock });
      const observation = Float32Array.of(3, 4);
      now = 500;
      const accepted = session.propose({ kind: 'action', content: 'a', actions: actions(0.25, -1), observation, confidence: 0.7 });
      observation[0] = 99; // the session keeps its own copy
      session.accept(accepted.id);
      now = 700;
      const corrected = session.propose({ kind: 'action', content: 'b', actions: actions(1, 1), observation: Float32Array.of(5, 6), confidence: 0.2 });
      const answer = session.correct(corrected.id, [0, 1]);
      session.reject(session.propose({ kind: 'action', content: 'c', actions: actions(0, 0), observation, confidence: 0.1 }).id);

      expect(buffer.records.map((r) => ({
        observation: Array.from(r.observation), ai: Array.from(r.aiAction.continuous), human: Array.from(r.humanAction.continuous), time: r.time,
      }))).to.deep.equal([
        { observation: [3, 4], ai: [0.25, -1], human: [0.25, -1], time: 500 },
        { observation: [5, 6], ai: [1, 1], human: [0, 1], time: 700 },
      ]);
      expect(answer.feedback).to.equal(buffer.records[1]);
    });

    it('proposes the attached collaborator\'s last decision with the observation behind it', async () => {
      const behavior = collaborator();
      const node = new TransformNode('guide', scene);
      node.position.set(2, 0, -3);
      node.addBehavior(behavior);
      behavior.requestDecision();
      await runFrames(scene, 3);
      const session = new CollaborationSession({ collaborator: behavior });
      const proposal = session.proposeDecision({ content: 'back to the origin', confidence: 0.8 });
      expect(Array.from(proposal.actions!.continuous)).to.deep.equal([-2, 3]);
      expect(Array.from(proposal.observation!)).to.deep.equal([2, -3]);
      const records: FeedbackRecord[] = [];
      behavior.onFeedbackObservable.add((r) => records.push(r));
      session.correct(proposal.id, actions(-1, 1), { via: 'demonstration' });
      expect(Array.from(records[0].humanAction.continuous)).to.deep.equal([-1, 1]);
      expect(Array.from(records[0].observation)).to.deep.equal([2, -3]);
      behavior.dispose();
    });
  });

  describe('observables', () => {
    it('notifies each proposal and each answer', () => {
      const session = new CollaborationSession({ clock });
      const proposals: Proposal[] = [];
      const answers: Answer[] = [];
      session.onProposalObservable.add((p) => proposals.push(p));
      session.onAnswerObservable.add((a) => answers.push(a));
      const p = session.propose({ kind: 'answer', content: '42', confidence: 0.5 });
      session.correct(p.id, 41, { via: 'text' });
      expect(proposals).to.deep.equal([p]);
      expect(answers.map((a) => [a.proposal.id, a.verdict, a.correction, a.via])).to.deep.equal([[p.id, 'corrected', 41, 'text']]);
      expect(session.get(p.id).status).to.equal('corrected');
    });
  });

  describe('#respond()', () => {
    it('reads yes, no with a reason, and corrections from text', () => {
      const session = new CollaborationSession({ clock });
      const ask = (): number => session.propose({ kind: 'action', content: 'move', actions: actions(0, 0), confidence: 0.5 }).id;
      expect(session.respond(ask(), 'OK!').verdict).to.equal('accepted');
      const no = session.respond(ask(), 'No, too close to the wall');
      expect([no.verdict, no.reason, no.via]).to.deep.equal(['rejected', 'too close to the wall', 'text']);
      const fix = session.respond(ask(), 'actually 0.5, -0.25');
      expect([fix.verdict, Array.from(fix.humanActions!.continuous)]).to.deep.equal(['corrected', [0.5, -0.25]]);
    });
  });

  describe('bad input', () => {
    it('throws UnknownProposalError for an unknown id', () => {
      const session = new CollaborationSession();
      expect(() => session.accept(7)).to.throw(UnknownProposalError, /no proposal with id 7/);
      expect(() => session.get(7)).to.throw(UnknownProposalError);
    });

    it('throws ProposalAnsweredError when a proposal is answered twice', () => {
      const session = new CollaborationSession();
      const { id } = session.propose({ kind: 'suggestion', content: 'rest', confidence: 0.4 });
      session.reject(id);
      expect(() => session.accept(id)).to.throw(ProposalAnsweredError, /proposal 1 was already rejected/);
      expect(() => session.correct(id, 'later')).to.throw(ProposalAnsweredError);
      expect(session.snapshot.answered).to.equal(1);
    });

    it('leaves the proposal pending when a correction does not fit', () => {
      const session = new CollaborationSession({ actions: ActionSpec.continuous(2) });
      const { id } = session.propose({ kind: 'action', content: 'go', actions: actions(0, 0), confidence: 0.5 });
      expect(() => session.correct(id, [1, 2, 3])).to.throw(SpecMismatchError, /2 numbers.*got 3/);
      expect(() => session.correct(id, 'left please')).to.throw(TypeError, /numbers such as/);
      expect(() => session.correct(id, actions(Number.NaN, 0))).to.throw(SpecMismatchError, /finite/);
      expect(session.pending.map((p) => p.id)).to.deep.equal([id]);
    });

    it('validates proposals and options, naming the field', () => {
      const session = new CollaborationSession();
      expect(() => session.propose({ kind: 'wish' as 'action', content: '', confidence: 0.5 })).to.throw(TypeError, /'kind'.*got 'wish'/);
      expect(() => session.propose({ kind: 'suggestion', content: 'x', confidence: 1.5 })).to.throw(RangeError, /'confidence'.*<= 1.*got 1.5/);
      expect(() => session.propose({ kind: 'action', content: 'x', confidence: 1 })).to.throw(TypeError, /'actions' is required/);
      expect(() => new CollaborationSession({ window: 0 })).to.throw(RangeError, /'window'.*got 0/);
      expect(() => new CollaborationSession({ collaborator: {} as CollaboratorBehavior })).to.throw(TypeError, /'collaborator'/);
      const { id } = session.propose({ kind: 'suggestion', content: 'x', confidence: 1 });
      expect(() => session.accept(id, { via: 'telepathy' as 'gui' })).to.throw(TypeError, /'via'.*got 'telepathy'/);
      expect(() => session.correct(id, '  ')).to.throw(TypeError, /'correction'/);
    });

    it('requires an observation for action proposals when a collaborator learns from them', () => {
      const session = new CollaborationSession({ collaborator: collaborator() });
      expect(() => session.propose({ kind: 'action', content: 'x', actions: actions(0, 0), confidence: 1 })).to.throw(Error, /no observation yet/);
      expect(() => session.proposeDecision()).to.throw(Error, /not decided yet/);
    });

    it('forgets the oldest proposals beyond maxProposals', () => {
      const session = new CollaborationSession({ maxProposals: 2 });
      const ids = [0, 1, 2].map((i) => session.propose({ kind: 'suggestion', content: `s${i}`, confidence: 1 }).id);
      expect(session.pending.map((p) => p.id)).to.deep.equal(ids.slice(1));
      expect(() => session.accept(ids[0])).to.throw(UnknownProposalError);
    });
  });

  describe('#dispose()', () => {
    it('clears the observables, rejects later calls and is harmless twice', () => {
      const session = new CollaborationSession();
      session.onAnswerObservable.add(() => undefined);
      session.dispose();
      session.dispose();
      expect(session.onAnswerObservable.hasObservers()).to.equal(false);
      expect(() => session.propose({ kind: 'suggestion', content: 'x', confidence: 1 })).to.throw(Error, /after dispose/);
    });
  });
});
