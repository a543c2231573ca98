import { expect } from 'chai';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Scene } from '@babylonjs/core/scene.js';
import { FrameScheduler, SchedulerDisposedError } from '../../src/scheduler/index.js';
import { nextTurn } from './fake-clock.js';

type TimerApi = 'setTimeout' | 'setInterval' | 'setImmediate';

/** Runs `body` with the timer functions wrapped; returns how many timers it started. */
async function countTimers(body: () => Promise<void>): Promise<number> {
  const names: TimerApi[] = ['setTimeout', 'setInterval', 'setImmediate'];
  const originals = names.map((name) => globalThis[name]);
  let started = 0;
  names.forEach((name, i) => {
    const original = originals[i] as (...args: unknown[]) => unknown;
    (globalThis as Record<TimerApi, unknown>)[name] = (...args: unknown[]) => (started++, original(...args));
  });
  try {
    await body();
  } finally {
    names.forEach((name, i) => ((globalThis as Record<TimerApi, unknown>)[name] = originals[i]));
  }
  return started;
}

describe('FrameScheduler', () => {
  let engine: NullEngine;
  let scene: Scene;
  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
    new FreeCamera('camera', Vector3.Zero(), scene);
  });
  afterEach(() => {
    scene.dispose();
    engine.dispose();
  });

  describe('#attachToScene()', () => {
    it('ticks once per rendered frame and detaches with the returned function', async () => {
      const before = scene.onBeforeRenderObservable.observers.length;
      const s = new FrameScheduler();
      const detach = s.attachToScene(scene);
      expect(scene.onBeforeRenderObservable.observers.length).to.equal(before + 1);
      const handle = s.schedule(() => 'rendered');
      scene.render();
      scene.render();
      expect(await handle.result).to.equal('rendered');
      expect(s.stats().frames).to.equal(2);
      detach();
      detach();
      await nextTurn();
      expect(scene.onBeforeRenderObservable.observers.length).to.equal(before);
      scene.render();
      expect(s.stats().frames).to.equal(2);
      s.dispose();
    });

    it('detaches itself when the scene is disposed', async () => {
      const s = new FrameScheduler();
      s.attachToScene(scene);
      const removed: unknown[] = [];
      const remove = scene.onBeforeRenderObservable.remove.bind(scene.onBeforeRenderObservable);
      scene.onBeforeRenderObservable.remove = (observer) => (removed.push(observer), remove(observer));
      scene.dispose();
      expect(removed).to.have.length(1);
      await nextTurn();
      expect(scene.onBeforeRenderObservable.observers.length).to.equal(0);
      expect(scene.onDisposeObservable.observers.length).to.equal(0);
      s.dispose();
    });

    it('moves to a second scene, leaving the first as it was', async () => {
      const other = new Scene(engine);
      new FreeCamera('camera', Vector3.Zero(), other);
      const before = scene.onBeforeRenderObservable.observers.length;
      const s = new FrameScheduler();
      s.attachToScene(scene);
      s.attachToScene(other);
      await nextTurn();
      expect(scene.onBeforeRenderObservable.observers.length).to.equal(before);
      other.render();
      expect(s.stats().frames).to.equal(1);
      s.dispose();
      other.dispose();
    });
  });

  describe('#dispose()', () => {
    it('rejects everything queued or running with AbortError and leaves no observer', async () => {
      const renderObservers = scene.onBeforeRenderObservable.observers.length;
      const disposeObservers = scene.onDisposeObservable.observers.length;
      const s = new FrameScheduler({ budgetMs: 1 });
      s.attachToScene(scene);
      s.onFrameObservable.add(() => {});
      s.onTaskErrorObservable.add(() => {});
      let cleanedUp = false;
      const async = s.schedule(() => new Promise(() => {}));
      const gen = s.schedule(function* () {
        try {
          for (;;) yield;
        } finally {
          cleanedUp = true;
        }
      });
      scene.render();
      expect(s.stats()).to.include({ inFlight: 1, queued: 1 });
      const queued = s.schedule(() => 1, { deadlineMs: 10_000, signal: new AbortController().signal });
      const idle = s.onIdle();
      s.dispose();
      s.dispose();
      const results = await Promise.allSettled([gen.result, async.result, queued.result]);
      expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).name)).to.deep.equal(['AbortError', 'AbortError', 'AbortError']);
      expect(cleanedUp).to.equal(true);
      await idle;
      await s.onIdle();
      expect(s.onFrameObservable.hasObservers()).to.equal(false);
      expect(s.onTaskErrorObservable.hasObservers()).to.equal(false);
      await nextTurn();
      expect(scene.onBeforeRenderObservable.observers.length).to.equal(renderObservers);
      expect(scene.onDisposeObservable.observers.length).to.equal(disposeObservers);
      expect(s.stats().queued).to.equal(0);
      expect(s.stats().tasks.cancelled).to.equal(3);
      expect(() => s.schedule(() => 1)).to.throw(SchedulerDisposedError, /after dispose/);
      expect(() => s.tick()).to.throw(SchedulerDisposedError);
      expect(() => s.attachToScene(scene)).to.throw(SchedulerDisposedError);
    });

    it('starts no timer in a whole lifecycle, in flight work included', async () => {
      const started = await countTimers(async () => {
        const s = new FrameScheduler({ budgetMs: 1, resources: { gpu: 1 } });
        const controller = new AbortController();
        const handles = [
          s.schedule(() => new Promise(() => {}), { resource: 'gpu' }),
          s.schedule(function* () {
            for (;;) yield;
          }),
          s.schedule(() => 1, { deadlineMs: 1000, signal: controller.signal, priority: 'idle' }),
          s.schedule(() => 2, { resource: 'gpu' }),
        ];
        s.tick();
        s.tick();
        const idle = s.onIdle();
        s.dispose();
        await idle;
        await Promise.allSettled(handles.map((h) => h.result));
        controller.abort();
      });
      expect(started).to.equal(0);
      expect(process.getActiveResourcesInfo()).to.not.include('Interval');
    });

    it('may be called from inside a task: the rest of the frame is skipped', async () => {
      const s = new FrameScheduler({ budgetMs: 1000 });
      let ranAfter = false;
      s.schedule(() => s.dispose());
      const after = s.schedule(() => (ranAfter = true));
      s.tick();
      expect(ranAfter).to.equal(false);
      expect((await after.result.catch((e: Error) => e)) as Error).to.have.property('name', 'AbortError');
    });
  });
});
