import { expect } from 'chai';
import { FrameScheduler } from '../../src/scheduler/index.js';
import { FakeClock, nextTurn } from './fake-clock.js';

describe('FrameScheduler', () => {
  describe('resources', () => {
    let clock: FakeClock;
    let s: FrameScheduler;
    beforeEach(() => {
      clock = new FakeClock();
      s = new FrameScheduler({ budgetMs: 2, now: clock.now, resources: { gpu: 1 } });
    });
    afterEach(() => s.dispose());

    it('holds a unit until an async task settles; others wait without blocking the frame', async () => {
      const readbacks: ((v: string) => void)[] = [];
      const started: string[] = [];
      const gpuTask = (name: string) => () => {
        started.push(name);
        return new Promise<string>((resolve) => readbacks.push(resolve));
      };
      const first = s.schedule(gpuTask('first'), { resource: 'gpu' });
      const second = s.schedule(gpuTask('second'), { resource: 'gpu' });
      const cpu = s.schedule(() => 'cpu work');
      s.tick();
      s.tick();
      expect(started).to.deep.equal(['first']);
      expect(await cpu.result).to.equal('cpu work');
      expect(s.stats()).to.include({ queued: 1, inFlight: 1 });
      readbacks[0]('one');
      expect(await first.result).to.equal('one');
      s.tick();
      expect(started).to.deep.equal(['first', 'second']);
      readbacks[1]('two');
      expect(await second.result).to.equal('two');
      await s.onIdle();
    });

    it('holds a unit across the slices of a generator and frees it when the generator is cancelled', async () => {
      const gen = s.schedule(function* () {
        for (;;) yield clock.advance(2);
      }, { resource: 'gpu' });
      const waiting = s.schedule(() => 'next', { resource: 'gpu' });
      s.tick();
      s.tick();
      expect(s.stats().tasks.run).to.equal(1);
      gen.cancel();
      s.tick();
      expect(await waiting.result).to.equal('next');
    });

    it('releases the unit of a task that throws', async () => {
      s.schedule(() => {
        throw new Error('oom');
      }, { resource: 'gpu' });
      const after = s.schedule(() => 'fine', { resource: 'gpu' });
      s.tick();
      expect(await after.result).to.equal('fine');
    });

    it('lets a cancelled or expired waiter go without jamming the others', async () => {
      let release!: () => void;
      s.schedule(() => new Promise<void>((resolve) => (release = resolve)), { resource: 'gpu' });
      s.tick();
      const cancelled = s.schedule(() => 'no', { resource: 'gpu' });
      const expired = s.schedule(() => 'no', { resource: 'gpu', deadlineMs: 1 });
      const last = s.schedule(() => 'yes', { resource: 'gpu' });
      s.tick();
      cancelled.cancel();
      clock.advance(5);
      s.tick();
      release();
      await nextTurn();
      s.tick();
      expect(await last.result).to.equal('yes');
      const reasons = await Promise.allSettled([cancelled.result, expired.result]);
      expect(reasons.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : r.status))).to.deep.equal([
        'AbortError',
        'DeadlineExceededError',
      ]);
    });
  });

  describe('#onIdle()', () => {
    it('resolves at once when nothing is queued, and after the last task otherwise', async () => {
      const s = new FrameScheduler();
      await s.onIdle();
      let done = false;
      s.schedule(() => (done = true));
      const idle = s.onIdle().then(() => done);
      s.tick();
      expect(await idle).to.equal(true);
      s.dispose();
    });
  });

  describe('#stats()', () => {
    it('reports counters, queue waits per priority and busy percentiles', () => {
      const clock = new FakeClock();
      const s = new FrameScheduler({ budgetMs: 2, now: clock.now, statsWindowFrames: 4 });
      s.schedule(() => clock.advance(1), { priority: 'high' });
      clock.advance(3);
      s.tick();
      for (let i = 0; i < 4; i++) s.tick();
      const stats = s.stats();
      expect(stats.frames).to.equal(5);
      expect(stats.busyMs).to.deep.equal({ p50: 0, p95: 0, p99: 0, max: 0 });
      expect(stats.maxQueueWaitMs).to.deep.equal({ critical: 0, high: 3, normal: 0, low: 0, idle: 0 });
      expect(stats.tasks).to.deep.equal({ scheduled: 1, run: 1, done: 1, failed: 0, cancelled: 0, deadlineMisses: 0 });
      s.dispose();
    });
  });
});
