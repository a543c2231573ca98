import { expect } from 'chai';
import { FrameScheduler } from '../../src/scheduler/index.js';

describe('FrameScheduler', () => {
  describe('#constructor()', () => {
    it('defaults to a 2 ms budget', () => {
      expect(new FrameScheduler().budgetMs).to.equal(2);
    });

    for (const budgetMs of [0, -1, Number.NaN, Infinity, '2']) {
      it(`rejects budgetMs ${String(budgetMs)} with a RangeError naming the option and value`, () => {
        expect(() => new FrameScheduler({ budgetMs: budgetMs as number })).to.throw(RangeError, /'budgetMs'.*got/);
      });
    }

    it('rejects a non-integer or zero maxWaitFrames', () => {
      expect(() => new FrameScheduler({ maxWaitFrames: 0 })).to.throw(RangeError, /'maxWaitFrames'.*got 0/);
      expect(() => new FrameScheduler({ maxWaitFrames: 1.5 })).to.throw(RangeError, /got 1.5/);
      expect(() => new FrameScheduler({ statsWindowFrames: 0 })).to.throw(RangeError, /'statsWindowFrames'/);
    });

    it('rejects bad resources and clocks', () => {
      expect(() => new FrameScheduler({ resources: { gpu: 0 } })).to.throw(RangeError, /'resources.gpu'.*got 0/);
      expect(() => new FrameScheduler({ resources: { gpu: 1.5 } })).to.throw(RangeError, /'resources.gpu'/);
      expect(() => new FrameScheduler({ resources: 3 as unknown as Record<string, number> })).to.throw(TypeError, /'resources'.*got 3/);
      expect(() => new FrameScheduler({ now: 'x' as unknown as () => number })).to.throw(TypeError, /'now'.*got 'x'/);
      expect(() => new FrameScheduler(5 as unknown as object)).to.throw(TypeError, /'options'/);
    });
  });

  describe('#schedule()', () => {
    const s = new FrameScheduler({ resources: { gpu: 1 } });
    after(() => s.dispose());

    it("rejects priority 'urgent' with a RangeError listing the priorities", () => {
      expect(() => s.schedule(() => 1, { priority: 'urgent' as 'high' })).to.throw(RangeError, /'priority'.*'critical'.*got 'urgent'/);
    });

    it('rejects a negative or non-finite deadlineMs', () => {
      expect(() => s.schedule(() => 1, { deadlineMs: -1 })).to.throw(RangeError, /'deadlineMs'.*got -1/);
      expect(() => s.schedule(() => 1, { deadlineMs: Number.NaN })).to.throw(RangeError, /'deadlineMs'/);
    });

    it('rejects an unknown resource name, listing the known ones', () => {
      expect(() => s.schedule(() => 1, { resource: 'cpu' })).to.throw(RangeError, /'resource'.*'gpu'.*got 'cpu'/);
    });

    it('rejects a task that is not a function or generator, a bad signal or name', () => {
      expect(() => s.schedule(42 as unknown as () => number)).to.throw(TypeError, /task must be/);
      expect(() => s.schedule(async function* () {} as unknown as () => number)).to.throw(TypeError, /AsyncGeneratorFunction/);
      expect(() => s.schedule(() => 1, { signal: 'x' as unknown as AbortSignal })).to.throw(TypeError, /'signal'/);
      expect(() => s.schedule(() => 1, { name: 3 as unknown as string })).to.throw(TypeError, /'name'/);
      expect(() => s.schedule(() => 1, null as unknown as object)).to.throw(TypeError, /'options'/);
    });

    it('queues nothing for a rejected call', () => {
      expect(s.stats().queued).to.equal(0);
    });
  });
});
