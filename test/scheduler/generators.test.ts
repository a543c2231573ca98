import { expect } from 'chai';
import { FrameScheduler } from '../../src/scheduler/index.js';
import { FakeClock } from './fake-clock.js';

describe('FrameScheduler', () => {
  let clock: FakeClock;
  let s: FrameScheduler;
  beforeEach(() => {
    clock = new FakeClock();
    s = new FrameScheduler({ budgetMs: 2, now: clock.now });
  });
  afterEach(() => s.dispose());

  describe('generator tasks', () => {
    it('resume in order across frames, and the return value resolves the result', async () => {
      const log: string[] = [];
      let frame = 0;
      const layers = s.schedule(function* () {
        for (let layer = 0; layer < 8; layer++) {
          log.push(`layer ${layer} @${frame}`);
          yield clock.advance(0.75);
        }
        return 'logits';
      });
      for (frame = 1; frame <= 3; frame++) s.tick();
      expect(log).to.deep.equal([
        'layer 0 @1', 'layer 1 @1', 'layer 2 @1',
        'layer 3 @2', 'layer 4 @2', 'layer 5 @2',
        'layer 6 @3', 'layer 7 @3',
      ]);
      expect(await layers.result).to.equal('logits');
    });

    it('keep their place in the queue: the first scheduled finishes first; higher priorities cut in between slices', () => {
      const log: string[] = [];
      const steps = (name: string, n: number) =>
        function* () {
          for (let i = 0; i < n; i++) {
            log.push(`${name}${i}`);
            if (name === 'a' && i === 1) s.schedule(() => void log.push('urgent'), { priority: 'critical' });
            yield clock.advance(0.5);
          }
        };
      s.schedule(steps('a', 3));
      s.schedule(steps('b', 2));
      s.tick();
      s.tick();
      expect(log).to.deep.equal(['a0', 'a1', 'urgent', 'a2', 'b0', 'b1']);
    });

    it('accept a generator object as well as a generator function', async () => {
      function* count(n: number): Generator<void, number, unknown> {
        let total = 0;
        for (let i = 1; i <= n; i++) (total += i), yield;
        return total;
      }
      const handle = s.schedule(count(4));
      s.tick();
      expect(await handle.result).to.equal(10);
    });

    it('reject with the error a slice throws, and report it', async () => {
      const errors: string[] = [];
      s.onTaskErrorObservable.add((e) => errors.push(e.name));
      const handle = s.schedule(function* () {
        yield;
        throw new Error('bad layer');
      }, { name: 'inference' });
      s.tick();
      await handle.result.then(
        () => expect.fail('resolved'),
        (e: Error) => expect(e.message).to.equal('bad layer'),
      );
      expect(errors).to.deep.equal(['inference']);
    });
  });
});
