import { expect } from 'chai';
import { DeadlineExceededError, FrameScheduler } from '../../src/scheduler/index.js';
import { FakeClock, nextTurn } from './fake-clock.js';
import { rejection } from '../helpers/rejection.js';

describe('FrameScheduler', () => {
  let clock: FakeClock;
  let s: FrameScheduler;
  beforeEach(() => {
    clock = new FakeClock();
    s = new FrameScheduler({ budgetMs: 2, now: clock.now });
  });
  afterEach(() => s.dispose());

  describe('deadlines', () => {
    it('rejects a task not started within deadlineMs with DeadlineExceededError; it never runs', async () => {
      let ran = false;
      const late = s.schedule(() => (ran = true), { name: 'late', deadlineMs: 10 });
      clock.advance(11);
      s.tick();
      const error = await rejection(late.result);
      expect(error).to.be.instanceOf(DeadlineExceededError);
      expect(error).to.include({ name: 'DeadlineExceededError', taskName: 'late', deadlineMs: 10, waitedMs: 11 });
      expect(ran).to.equal(false);
      expect(s.stats().tasks).to.include({ deadlineMisses: 1, run: 0, failed: 0 });
    });

    it('starts a task at its deadline exactly', async () => {
      const onTime = s.schedule(() => 'ok', { deadlineMs: 10 });
      clock.advance(10);
      s.tick();
      expect(await onTime.result).to.equal('ok');
    });

    it('expires a task that passes its deadline in the queue behind higher-priority load', async () => {
      const starved = s.schedule(() => 'never', { priority: 'low', deadlineMs: 5 });
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 4; j++) s.schedule(() => clock.advance(1), { priority: 'high' });
        s.tick();
      }
      expect(await rejection(starved.result)).to.be.instanceOf(DeadlineExceededError);
    });

    it('applies only before the start: a started generator keeps going past it', async () => {
      const gen = s.schedule(function* () {
        for (let i = 0; i < 4; i++) yield clock.advance(1.5);
        return 'finished';
      }, { deadlineMs: 1 });
      for (let i = 0; i < 4; i++) s.tick();
      expect(await gen.result).to.equal('finished');
    });
  });

  describe('TaskHandle#cancel()', () => {
    it('keeps a queued task from ever starting and rejects it with an AbortError', async () => {
      let ran = false;
      const handle = s.schedule(() => (ran = true), { name: 'walk' });
      handle.cancel('not needed');
      s.tick();
      const error = await rejection(handle.result);
      expect(error).to.include({ name: 'AbortError', cause: 'not needed' });
      expect(error.message).to.match(/'walk'/);
      expect(ran).to.equal(false);
      expect(s.stats().tasks).to.include({ cancelled: 1, run: 0 });
      expect(s.stats().queued).to.equal(0);
    });

    it('stops a running generator at its next yield and runs its finally block', async () => {
      const steps: string[] = [];
      const handle = s.schedule(function* () {
        try {
          for (let i = 0; ; i++) {
            steps.push(`step ${i}`);
            yield clock.advance(1.5);
          }
        } finally {
          steps.push('cleanup');
        }
      });
      s.tick();
      handle.cancel();
      s.tick();
      expect(steps).to.deep.equal(['step 0', 'step 1', 'cleanup']);
      expect((await rejection(handle.result)).name).to.equal('AbortError');
    });

    it('stops a generator that cancels itself at the yield that follows', async () => {
      const steps: number[] = [];
      const handle = s.schedule(function* () {
        for (let i = 0; i < 10; i++) {
          steps.push(i);
          if (i === 2) handle.cancel();
          yield;
        }
      });
      s.tick();
      expect(steps).to.deep.equal([0, 1, 2]);
      expect((await rejection(handle.result)).name).to.equal('AbortError');
    });

    it('rejects an in-flight async task at once and ignores its later outcome', async () => {
      let finish!: (v: string) => void;
      const handle = s.schedule(() => new Promise<string>((resolve) => (finish = resolve)));
      s.tick();
      expect(s.stats().inFlight).to.equal(1);
      handle.cancel();
      expect((await rejection(handle.result)).name).to.equal('AbortError');
      finish('late');
      await nextTurn();
      expect(s.stats().inFlight).to.equal(0);
      expect(s.stats().tasks).to.include({ cancelled: 1, done: 0 });
    });

    it('does nothing once the result has settled', async () => {
      const handle = s.schedule(() => 5);
      s.tick();
      handle.cancel();
      expect(await handle.result).to.equal(5);
      expect(s.stats().tasks.cancelled).to.equal(0);
    });
  });

  describe('AbortSignal', () => {
    it('cancels a queued task when aborted, with the reason as cause', async () => {
      const controller = new AbortController();
      let ran = false;
      const handle = s.schedule(() => (ran = true), { signal: controller.signal });
      controller.abort('gone');
      s.tick();
      const error = await rejection(handle.result);
      expect(error).to.include({ name: 'AbortError', cause: 'gone' });
      expect(ran).to.equal(false);
    });

    it('rejects at once for an already aborted signal', async () => {
      let ran = false;
      const handle = s.schedule(() => (ran = true), { signal: AbortSignal.abort() });
      s.tick();
      expect((await rejection(handle.result)).name).to.equal('AbortError');
      expect(ran).to.equal(false);
      expect(s.stats().queued).to.equal(0);
    });

    it('stops listening once the task settles', async () => {
      const controller = new AbortController();
      const handle = s.schedule(() => 1, { signal: controller.signal });
      s.tick();
      controller.abort();
      expect(await handle.result).to.equal(1);
      expect(s.stats().tasks.cancelled).to.equal(0);
    });
  });

  describe('unhandled rejections', () => {
    it('never raises one for results nobody awaits, read or not', async () => {
      const seen: unknown[] = [];
      const listener = (reason: unknown): void => void seen.push(reason);
      process.on('unhandledRejection', listener);
      try {
        s.schedule(() => {
          throw new Error('unread');
        });
        void s.schedule(() => {
          throw new Error('read, not awaited');
        }).result;
        s.schedule(() => 1).cancel();
        void s.schedule(() => 1, { deadlineMs: 0 }).result;
        clock.advance(1);
        s.tick();
        void s.schedule(() => 1).result;
        s.dispose();
        await nextTurn();
        await nextTurn();
        expect(seen).to.deep.equal([]);
      } finally {
        process.off('unhandledRejection', listener);
      }
    });
  });
});
