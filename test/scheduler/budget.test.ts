import { expect } from 'chai';
import { FrameScheduler, type FrameRecord } from '../../src/scheduler/index.js';
import { FakeClock } from './fake-clock.js';

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('FrameScheduler', () => {
  describe('#tick()', () => {
    it('keeps busy time per frame within the budget plus one slice under 10x overload', () => {
      const clock = new FakeClock();
      const s = new FrameScheduler({ budgetMs: 2, now: clock.now });
      const rand = random(7);
      const maxSliceMs = 0.5;
      const records: FrameRecord[] = [];
      for (let frame = 0; frame < 300; frame++) {
        for (let work = 0; work < 10 * s.budgetMs; ) {
          const cost = 0.05 + rand() * (maxSliceMs - 0.05);
          work += cost;
          const priority = (['critical', 'high', 'normal', 'low', 'idle'] as const)[Math.floor(rand() * 5)];
          if (rand() < 0.3) {
            s.schedule(function* () {
              for (let i = 0; i < 3; i++) yield clock.advance(cost / 3);
            }, { priority });
          } else {
            s.schedule(() => clock.advance(cost), { priority, deadlineMs: rand() < 0.5 ? 50 : undefined });
          }
        }
        records.push(s.tick());
        clock.advance(16);
      }
      const busiest = Math.max(...records.map((r) => r.busyMs));
      expect(busiest).to.be.at.most(2 + maxSliceMs);
      for (const r of records) expect(r.busyMs).to.be.at.most(r.budgetMs + r.longestSliceMs + 1e-9);
      expect(Math.min(...records.map((r) => r.tasksRun))).to.be.greaterThan(3);
      const stats = s.stats();
      expect(stats.frames).to.equal(300);
      expect(stats.busyMs.p99).to.be.at.most(2 + maxSliceMs);
      expect(stats.busyMs.p50).to.be.at.least(2);
      expect(stats.queued).to.be.greaterThan(0);
      s.dispose();
    });

    it('reports a sync task that overruns the budget, and starts nothing after it in that frame', () => {
      const clock = new FakeClock();
      const s = new FrameScheduler({ budgetMs: 2, now: clock.now });
      let after = false;
      s.schedule(() => clock.advance(5), { name: 'slow' });
      s.schedule(() => (after = true));
      const frames: FrameRecord[] = [];
      s.onFrameObservable.add((r) => frames.push(r));
      const record = s.tick();
      expect(record).to.include({ frame: 1, busyMs: 5, overrun: true, tasksRun: 1, longestSliceMs: 5, longestSliceTask: 'slow', queued: 1 });
      expect(frames).to.deep.equal([record]);
      expect(after).to.equal(false);
      expect(s.stats().overrunFrames).to.equal(1);
      expect(s.stats().busyMs.max).to.equal(5);
      s.tick();
      expect(after).to.equal(true);
      s.dispose();
    });

    it('runs by priority, then earliest deadline, then FIFO', () => {
      const s = new FrameScheduler({ budgetMs: 1000 });
      const order: string[] = [];
      const log = (name: string) => () => void order.push(name);
      s.schedule(log('idle'), { priority: 'idle' });
      s.schedule(log('normal-1'));
      s.schedule(log('normal-late'), { deadlineMs: 500 });
      s.schedule(log('normal-2'));
      s.schedule(log('normal-soon'), { deadlineMs: 100 });
      s.schedule(log('low'), { priority: 'low' });
      s.schedule(log('critical'), { priority: 'critical' });
      s.schedule(log('high'), { priority: 'high' });
      s.tick();
      expect(order).to.deep.equal(['critical', 'high', 'normal-soon', 'normal-late', 'normal-1', 'normal-2', 'low', 'idle']);
      s.dispose();
    });

    it('runs idle work only in budget left over', () => {
      const clock = new FakeClock();
      const s = new FrameScheduler({ budgetMs: 2, now: clock.now, maxWaitFrames: 2 });
      const idle = s.schedule(() => 'learned', { priority: 'idle' });
      let ran = false;
      idle.result.then(() => (ran = true), () => {});
      for (let frame = 0; frame < 20; frame++) {
        for (let i = 0; i < 4; i++) s.schedule(() => clock.advance(1), { priority: 'low' });
        s.tick();
      }
      expect(s.stats().tasks.run).to.equal(40);
      while (s.stats().queued > 0) s.tick();
      expect(s.stats().tasks.done).to.equal(81);
      return idle.result.then((v) => expect([v, ran]).to.deep.equal(['learned', true]));
    });

    it('does not starve a low task under constant higher load: it waits at most maxWaitFrames frames', () => {
      const clock = new FakeClock();
      const s = new FrameScheduler({ budgetMs: 2, now: clock.now, maxWaitFrames: 5 });
      const startedAt: Record<string, number> = {};
      let frame = 0;
      s.schedule(() => void (startedAt.low = frame), { name: 'low', priority: 'low' });
      s.schedule(() => void (startedAt.normal = frame), { name: 'normal', priority: 'normal' });
      for (frame = 1; frame <= 20; frame++) {
        for (let i = 0; i < 3; i++) s.schedule(() => clock.advance(1), { priority: 'high' });
        s.tick();
      }
      expect(startedAt.low).to.be.within(1, 5);
      expect(startedAt.normal).to.be.within(1, 5);
      s.dispose();
    });

    it('keeps running when 1,000 tasks among 10,000 throw; each failure rejects only its own handle', async () => {
      const s = new FrameScheduler({ budgetMs: 2 });
      const errors: { name: string; error: unknown }[] = [];
      s.onTaskErrorObservable.add((e) => errors.push(e));
      const handles = Array.from({ length: 10_000 }, (_, i) =>
        s.schedule(
          () => {
            if (i % 10 === 0) throw new Error(`boom ${i}`);
            return i;
          },
          { name: `t${i}` },
        ),
      );
      while (s.stats().queued > 0) s.tick();
      const settled = await Promise.allSettled(handles.map((h) => h.result));
      const done = settled.filter((r) => r.status === 'fulfilled');
      expect(done).to.have.length(9000);
      expect(settled.filter((r) => r.status === 'rejected')).to.have.length(1000);
      expect(errors).to.have.length(1000);
      expect(errors[1]).to.include({ name: 't10' });
      expect((errors[1].error as Error).message).to.equal('boom 10');
      expect(s.stats().tasks).to.include({ scheduled: 10_000, run: 10_000, done: 9000, failed: 1000 });
      s.dispose();
    });

    it('reports a rejected async task and goes on', async () => {
      const s = new FrameScheduler();
      const errors: string[] = [];
      s.onTaskErrorObservable.add((e) => errors.push(e.name));
      const bad = s.schedule(async function fetchPose() {
        throw new Error('lost');
      });
      const good = s.schedule(async () => 3);
      s.tick();
      await s.onIdle();
      expect(await good.result).to.equal(3);
      await bad.result.then(
        () => expect.fail('resolved'),
        (e: Error) => expect(e.message).to.equal('lost'),
      );
      expect(errors).to.deep.equal(['fetchPose']);
      s.dispose();
    });

    it('rejects a nowMs that is not a finite number and a re-entrant call', () => {
      const s = new FrameScheduler();
      expect(() => s.tick(Number.NaN)).to.throw(RangeError, /'nowMs'/);
      const inner = s.schedule(() => s.tick());
      s.tick();
      return inner.result.then(
        () => expect.fail('resolved'),
        (e: Error) => expect(e.message).to.match(/not re-entrant/),
      ).finally(() => s.dispose());
    });
  });
});
