import { expect } from 'chai';
import { RunningNormalizer } from '../../src/fusion/running-normalizer.js';

describe('RunningNormalizer', () => {
  describe('#constructor()', () => {
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new RunningNormalizer({} as never)).to.throw(RangeError, /'size'.*got undefined/);
      expect(() => new RunningNormalizer({ size: 2, clip: 0 })).to.throw(RangeError, /'clip'.*got 0/);
      expect(() => new RunningNormalizer({ size: 2, epsilon: -1 })).to.throw(RangeError, /'epsilon'.*got -1/);
      expect(new RunningNormalizer({ size: 1, clip: Infinity }).clip).to.equal(Infinity);
    });
  });

  describe('#update()', () => {
    it('matches the two-pass mean and population variance', () => {
      const data = [[1, 100], [2, 300], [4, 200], [7, -50], [11, 0]];
      const n = new RunningNormalizer({ size: 2 });
      for (const row of data) expect(n.update(row)).to.equal(true);
      expect(n.count).to.equal(5);
      for (let f = 0; f < 2; f++) {
        const xs = data.map((r) => r[f]);
        const mean = xs.reduce((a, b) => a + b) / xs.length;
        const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
        expect(n.mean(f)).to.be.closeTo(mean, 1e-9);
        expect(n.variance(f)).to.be.closeTo(variance, 1e-9);
      }
    });
    it('reads from an offset, skips non-finite samples, and stops while frozen', () => {
      const n = new RunningNormalizer({ size: 2 });
      expect(n.update([9, 1, 3], 1)).to.equal(true);
      expect(n.update([NaN, 1])).to.equal(false);
      n.freeze();
      expect(n.update([5, 5])).to.equal(false);
      expect(n.frozen).to.equal(true);
      n.unfreeze();
      expect(n.update([3, 5])).to.equal(true);
      expect([n.count, n.mean(0), n.mean(1)]).to.deep.equal([2, 2, 4]);
      expect(() => n.update([1])).to.throw(RangeError, /needs 2 values from offset 0, got 1/);
    });
  });

  describe('#normalize()', () => {
    it('standardises and clips, passes through before any sample, and zeroes non-finite values', () => {
      const n = new RunningNormalizer({ size: 2, clip: 1.5 });
      const fresh = [0.5, 9];
      n.normalize(fresh);
      expect(fresh[0]).to.be.closeTo(0.5, 1e-7);
      expect(fresh[1]).to.equal(1.5);
      for (const x of [0, 2, 4]) n.update([x, 1]);
      const out = new Float32Array(4);
      n.normalize([4, 1], 0, out, 2);
      expect(out[2]).to.be.closeTo(2 / Math.sqrt(8 / 3), 1e-6);
      expect(out[3]).to.equal(0);
      const bad = [Infinity, NaN];
      n.normalize(bad);
      expect(bad).to.deep.equal([0, 0]);
    });
  });

  describe('#toJSON() / .fromJSON()', () => {
    it('round-trips through JSON text, Infinity clip included', () => {
      const n = new RunningNormalizer({ size: 3, clip: Infinity });
      n.update([1, 2, 3]);
      n.update([2, 0, 3.5]);
      n.freeze();
      const copy = RunningNormalizer.fromJSON(JSON.parse(JSON.stringify(n)));
      expect(copy.toJSON()).to.deep.equal(n.toJSON());
      expect(copy.clip).to.equal(Infinity);
      expect(copy.frozen).to.equal(true);
      const a = [5, 5, 5];
      const b = [5, 5, 5];
      n.normalize(a);
      copy.normalize(b);
      expect(b).to.deep.equal(a);
    });
    it('rejects a malformed snapshot, naming the field', () => {
      const json = new RunningNormalizer({ size: 2 }).toJSON();
      expect(() => RunningNormalizer.fromJSON({ ...json, m2: [1, -1] })).to.throw(TypeError, /'json.m2'/);
      expect(() => RunningNormalizer.fromJSON({ ...json, count: -1 })).to.throw(RangeError, /'json.count'.*got -1/);
      expect(() => RunningNormalizer.fromJSON({ ...json, version: 0 as never })).to.throw(TypeError, /'json'/);
    });
  });
});
