import { expect } from 'chai';
import { ActionSpec, HeuristicPolicy, SpecMismatchError, Tensor } from '../../src/index.js';

describe('HeuristicPolicy', () => {
  const batch = {
    size: 2,
    observations: [new Tensor('float32', Float32Array.of(1, 2, 3, 4), [2, 2]), new Tensor('float32', Float32Array.of(5, 6), [2, 1])],
    sensorNames: ['a', 'b'],
    actionMasks: new Tensor('float32', Float32Array.of(1, 0, 0, 1), [2, 2]),
  };

  describe('#decide()', () => {
    it('calls the heuristic per agent with its own rows, by sensor name', async () => {
      const seen: unknown[] = [];
      const policy = new HeuristicPolicy(ActionSpec.hybrid(1, [2]), (obs, actions) => {
        seen.push([obs.index, Array.from(obs.sensors.a), Array.from(obs.sensors.b), Array.from(obs.mask!)]);
        actions.continuous[0] = obs.sensors.b[0];
        actions.discrete[0] = obs.mask![1] ? 1 : 0;
      });
      const decisions = await policy.decide(batch);
      expect(seen).to.deep.equal([[0, [1, 2], [5], [1, 0]], [1, [3, 4], [6], [0, 1]]]);
      expect(decisions.map((d) => [d.continuous[0], d.discrete[0]])).to.deep.equal([[5, 0], [6, 1]]);
    });
    it('rejects a heuristic that writes NaN, naming the agent', async () => {
      const policy = new HeuristicPolicy(ActionSpec.continuous(1), (obs, actions) => {
        actions.continuous[0] = obs.index === 1 ? NaN : 0;
      });
      let error: unknown;
      await policy.decide(batch).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(SpecMismatchError);
      expect((error as Error).message).to.match(/agent 1 of the batch.*NaN/);
    });
    it('turns a throwing heuristic into a rejection', async () => {
      const policy = new HeuristicPolicy(ActionSpec.continuous(1), () => {
        throw new Error('boom');
      });
      let error: unknown;
      await policy.decide(batch).catch((e: unknown) => (error = e));
      expect((error as Error).message).to.equal('boom');
    });
  });

  it('rejects bad options', () => {
    expect(() => new HeuristicPolicy({} as ActionSpec, () => {})).to.throw(TypeError, /actionSpec/);
    expect(() => new HeuristicPolicy(ActionSpec.continuous(1), 3 as never)).to.throw(TypeError, /heuristic.*got 3/);
  });
});
