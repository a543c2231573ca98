import { expect } from 'chai';
import { ActionSpec, SpecMismatchError } from '../../src/index.js';

describe('ActionSpec', () => {
  describe('factories', () => {
    it('continuous(n) has n floats and no branches', () => {
      const spec = ActionSpec.continuous(3);
      expect([spec.continuousSize, spec.discreteSize, spec.maskSize]).to.deep.equal([3, 0, 0]);
      expect(spec.toString()).to.equal('continuous(3)');
    });
    it('discrete(branches) keeps the branches and sums the mask', () => {
      const spec = ActionSpec.discrete([3, 2]);
      expect([spec.continuousSize, spec.discreteSize, spec.maskSize]).to.deep.equal([0, 2, 5]);
      expect(Object.isFrozen(spec.discreteBranches)).to.equal(true);
    });
    it('hybrid(n, branches) has both parts', () => {
      expect(ActionSpec.hybrid(2, [2, 3]).toString()).to.equal('continuous(2) + discrete[2, 3]');
    });
    it('rejects bad sizes naming the option and the value', () => {
      expect(() => ActionSpec.continuous(0)).to.throw(RangeError, /'n'.*got 0/);
      expect(() => ActionSpec.continuous(1.5)).to.throw(RangeError, /got 1.5/);
      expect(() => ActionSpec.discrete([])).to.throw(RangeError, /branches/);
      expect(() => ActionSpec.discrete([2, 0])).to.throw(RangeError, /branches\[1\].*got 0/);
      expect(() => ActionSpec.hybrid(0, [])).to.throw(RangeError, /branches/);
    });
  });

  describe('#check()', () => {
    const spec = ActionSpec.hybrid(2, [3]);
    it('accepts buffers of its sizes', () => {
      expect(() => spec.check({ continuous: Float32Array.of(0.1, -1), discrete: Int32Array.of(2) }, 'test')).to.not.throw();
    });
    it('names the owner and the mismatch', () => {
      expect(() => spec.check({ continuous: Float32Array.of(0), discrete: Int32Array.of(0) }, 'agent 7'))
        .to.throw(SpecMismatchError, /agent 7: expected 2 continuous actions, got 1/);
      expect(() => spec.check({ continuous: Float32Array.of(0, NaN), discrete: Int32Array.of(0) }, 'x'))
        .to.throw(SpecMismatchError, /continuous action 1 is NaN/);
      expect(() => spec.check({ continuous: Float32Array.of(0, 0), discrete: Int32Array.of(3) }, 'x'))
        .to.throw(SpecMismatchError, /discrete action 0 is 3, outside branch \[0, 2\]/);
    });
  });

  describe('#copy()', () => {
    it('returns independent buffers', () => {
      const source = { continuous: Float32Array.of(1, 2), discrete: Int32Array.of(1) };
      const copy = ActionSpec.hybrid(2, [3]).copy(source);
      source.continuous[0] = 9;
      expect(Array.from(copy.continuous)).to.deep.equal([1, 2]);
    });
  });
});
