import { expect } from 'chai';
import type { FeedbackRecord } from '../../src/collaborator/feedback.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { FeedbackBuffer } from '../../src/learning/index.js';

function record(i: number, observationSize = 2): FeedbackRecord {
  return {
    observation: new Float32Array(observationSize).fill(i),
    aiAction: { continuous: Float32Array.of(i), discrete: Int32Array.of(0) },
    humanAction: { continuous: Float32Array.of(-i), discrete: Int32Array.of(1) },
    weight: 1 + i / 10,
    time: 1000 + i,
  };
}

describe('FeedbackBuffer', () => {
  describe('#add()', () => {
    it('keeps the newest `capacity` records, oldest first', () => {
      const buffer = new FeedbackBuffer({ capacity: 3 });
      for (let i = 0; i < 5; i++) buffer.add(record(i));
      expect(buffer.size).to.equal(3);
      expect(buffer.records().map((r) => r.time)).to.deep.equal([1002, 1003, 1004]);
      expect(buffer.get(0).observation[0]).to.equal(2);
    });
    it('rejects malformed records and records of other sizes', () => {
      const buffer = new FeedbackBuffer({ capacity: 3 });
      buffer.add(record(1));
      expect(() => buffer.add(record(2, 3))).to.throw(SpecMismatchError);
      expect(() => buffer.add({ ...record(1), weight: 0 })).to.throw(RangeError, /weight/);
      expect(() => buffer.add({} as FeedbackRecord)).to.throw(TypeError);
    });
  });

  describe('#sample()', () => {
    it('samples uniformly, reproducibly with a seed', () => {
      const make = () => {
        const buffer = new FeedbackBuffer({ capacity: 10, seed: 4 });
        for (let i = 0; i < 10; i++) buffer.add(record(i));
        return buffer;
      };
      const a = make().sample(2000).map((r) => r.time);
      expect(a).to.deep.equal(make().sample(2000).map((r) => r.time));
      const counts = new Array(10).fill(0);
      for (const t of a) counts[t - 1000]++;
      for (const c of counts) expect(c).to.be.within(140, 260);
    });
    it('favours recent records by half-life in recency mode', () => {
      const buffer = new FeedbackBuffer({ capacity: 64, seed: 2 });
      for (let i = 0; i < 64; i++) buffer.add(record(i));
      const ages = buffer.sample(4000, { mode: 'recency', halfLife: 8 }).map((r) => 1063 - r.time);
      const young = ages.filter((a) => a < 8).length;
      const next = ages.filter((a) => a >= 8 && a < 16).length;
      expect(young / next).to.be.closeTo(2, 0.35);
      expect(() => buffer.sample(1, { mode: 'weird' as never })).to.throw(RangeError, /mode/);
      expect(() => new FeedbackBuffer({ capacity: 2 }).sample(1)).to.throw(RangeError, /empty/);
    });
  });

  describe('#toJSON()', () => {
    it('round-trips through JSON text', () => {
      const buffer = new FeedbackBuffer({ capacity: 4 });
      for (let i = 0; i < 6; i++) buffer.add({ ...record(i), observation: Float32Array.of(i + 0.1, -i / 3) });
      const copy = FeedbackBuffer.fromJSON(JSON.stringify(buffer));
      expect(copy.capacity).to.equal(4);
      expect(copy.records()).to.deep.equal(buffer.records());
      expect(() => FeedbackBuffer.fromJSON({ version: 2 } as never)).to.throw(TypeError, /version/);
    });
  });

  it('rejects bad options, naming them', () => {
    expect(() => new FeedbackBuffer({ capacity: 0 })).to.throw(RangeError, /capacity/);
  });
});
