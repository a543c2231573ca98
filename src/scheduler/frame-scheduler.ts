/** FrameScheduler: runs tasks inside a per-frame time budget, by priority, deadline, resource and cancellation. */
import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { requireNumber } from '../collaborator/options.js';
import { abortReason, deadlineReason, SchedulerDisposedError, type ReasonBuilder } from './errors.js';
import type { FrameRecord, SchedulerStats } from './frame-stats.js';
import { StatsCollector } from './frame-stats.js';
import { checkScheduleOptions, resolveOptions, type FrameSchedulerOptions, type ScheduleOptions } from './options.js';
import { NORMAL_LANE } from './priority.js';
import { ResourcePool, type ResourceSlot } from './resource-pool.js';
import { TaskQueue } from './task-queue.js';
import { FINISHED, IN_FLIGHT, QUEUED, RUNNING, Task, type TaskHandle, type TaskOwner, type TaskSource } from './task.js';

/** What `onTaskErrorObservable` reports: a task threw (or its promise rejected); its result rejected with `error`. */
export interface TaskErrorEvent {
  readonly id: number;
  readonly name: string;
  readonly error: unknown;
}

const DISPOSED = abortReason('the scheduler was disposed');
const ALREADY_ABORTED = abortReason('its signal was already aborted');

/** Share of the budget that the frame-start sweep of overdue deadlines may use before the first slice. */
const SWEEP_SHARE = 0.25;

const tagOf = (v: unknown): string => Object.prototype.toString.call(v);
const isGenerator = (v: unknown): v is Generator => tagOf(v) === '[object Generator]';

/**
 * Runs tasks within a per-frame time budget. Drive it with `attachToScene(scene)` or call `tick()` once per frame.
 * Each tick runs task slices in order (aged tasks first, then priority, earliest deadline, FIFO) while the
 * budget is not spent; the clock is read before every slice, so busy time stays under the budget plus one slice.
 * A sync task cannot be preempted: an overrun is measured and reported in the frame record and `stats()`.
 */
export class FrameScheduler {
  /** Notified after each tick with that frame's {@link FrameRecord}. Cleared by `dispose()`. */
  readonly onFrameObservable = new Observable<FrameRecord>();
  /** Notified when a task throws or its promise rejects; that task's result rejects and the scheduler goes on. */
  readonly onTaskErrorObservable = new Observable<TaskErrorEvent>();
  /** The per-frame budget in ms. */
  readonly budgetMs: number;
  private readonly maxWaitFrames: number;
  private readonly now: () => number;
  private readonly queue = new TaskQueue();
  private readonly pool: ResourcePool;
  private readonly counters: StatsCollector;
  private readonly inFlight = new Set<Task>();
  private readonly owner: TaskOwner = { cancelTask: (task, why, reason) => this.cancelTask(task, why, reason) };
  private readonly requeue = (task: Task): void => this.queue.push(task);
  private nextId = 1;
  private frame = 0;
  private queued = 0;
  private current: Task | undefined;
  private ticking = false;
  private disposed = false;
  private idleWaiters: (() => void)[] = [];
  private detach: (() => void) | undefined;

  /** @throws TypeError or RangeError naming the option and value, for invalid options. */
  constructor(options?: FrameSchedulerOptions) {
    const o = resolveOptions(options);
    this.budgetMs = o.budgetMs;
    this.maxWaitFrames = o.maxWaitFrames;
    this.now = o.now;
    this.pool = new ResourcePool(o.resources);
    this.counters = new StatsCollector(o.statsWindowFrames);
  }

  /**
   * Ticks once per frame on `scene.onBeforeRenderObservable` and detaches itself when the scene is disposed.
   * A scheduler serves one scene at a time: attaching to another detaches from the first.
   * @returns a function that detaches (idempotent); `dispose()` detaches too.
   */
  attachToScene(scene: Scene): () => void {
    if (this.disposed) throw new SchedulerDisposedError('FrameScheduler: attachToScene() after dispose()');
    this.detach?.();
    const detach = (): void => {
      if (this.detach !== detach) return;
      this.detach = undefined;
      scene.onBeforeRenderObservable.remove(render);
      scene.onDisposeObservable.remove(disposed);
    };
    const render = scene.onBeforeRenderObservable.add(() => this.tick());
    const disposed = scene.onDisposeObservable.add(detach);
    this.detach = detach;
    return detach;
  }

  /**
   * Queues a task and returns its handle; the task starts in a later `tick()` (or later in the current one).
   * @param task - a function (sync or async), a generator function or a generator object.
   * @throws TypeError/RangeError for a bad task or option (priority, deadlineMs, signal, unknown resource);
   *   SchedulerDisposedError after `dispose()`.
   */
  schedule<T>(task: () => Generator<unknown, T, unknown>, options?: ScheduleOptions): TaskHandle<T>;
  schedule<T>(task: Generator<unknown, T, unknown>, options?: ScheduleOptions): TaskHandle<T>;
  schedule<T>(task: () => T | PromiseLike<T>, options?: ScheduleOptions): TaskHandle<Awaited<T>>;
  schedule(source: TaskSource<unknown>, options?: ScheduleOptions): TaskHandle<unknown> {
    if (this.disposed) throw new SchedulerDisposedError('FrameScheduler: schedule() after dispose()');
    const isFunction = typeof source === 'function';
    if (isFunction ? tagOf(source) === '[object AsyncGeneratorFunction]' : !isGenerator(source)) {
      throw new TypeError(`FrameScheduler.schedule: task must be a function, a generator function or a generator, got ${tagOf(source)}`);
    }
    const lane = options === undefined ? NORMAL_LANE : checkScheduleOptions(options);
    const resource = options?.resource === undefined ? undefined : this.resourceNamed(options.resource);
    const task = new Task(this.nextId++, this.owner, isFunction ? source : undefined, lane, this.now(), this.frame, options?.name);
    if (!isFunction) task.gen = source;
    this.counters.tasks.scheduled++;
    if (options !== undefined) {
      task.resource = resource;
      if (options.deadlineMs !== undefined) task.deadlineAt = task.scheduledAt + (task.deadlineMs = options.deadlineMs);
      if (options.signal?.aborted) {
        task.fail(options.signal.reason, ALREADY_ABORTED);
        task.state = FINISHED;
        this.counters.tasks.cancelled++;
        return task;
      }
      task.signal = options.signal;
      options.signal?.addEventListener('abort', task, { once: true });
    }
    this.queued++;
    this.queue.push(task);
    return task;
  }

  /**
   * Runs one frame headless: expires overdue tasks, then runs slices until the budget is spent or nothing is
   * ready. Notifies `onFrameObservable` and returns the frame's record.
   * @param nowMs - the frame's start time in the clock's base (default: the clock); used for the frame-start
   *   deadline sweep and reported as `timeMs`. Busy time is always measured with the clock.
   * @throws SchedulerDisposedError after `dispose()`; Error when called from inside a task.
   */
  tick(nowMs?: number): FrameRecord {
    if (this.disposed) throw new SchedulerDisposedError('FrameScheduler: tick() after dispose()');
    if (this.ticking) throw new Error('FrameScheduler: tick() is not re-entrant (it was called from inside a task)');
    const start = this.now();
    const timeMs = nowMs === undefined ? start : requireNumber('FrameScheduler.tick', 'nowMs', nowMs);
    this.frame++;
    this.ticking = true;
    let ran = 0;
    let longest = 0;
    let longestTask: Task | undefined;
    let aged: Task[] = [];
    let next = 0;
    try {
      aged = this.sweep(start, timeMs);
      for (let t = this.now(); !this.disposed && t - start < this.budgetMs; ) {
        const task = next < aged.length ? aged[next++] : this.queue.pop();
        if (task === undefined) break;
        if (!this.startable(task, t)) continue;
        this.current = task;
        this.runSlice(task, t);
        this.current = undefined;
        const after = this.now();
        if (after - t > longest) (longest = after - t), (longestTask = task);
        t = after;
        ran++;
      }
    } finally {
      this.current = undefined;
      this.ticking = false;
      for (; next < aged.length; next++) {
        if (this.disposed) this.cancelTask(aged[next], DISPOSED);
        else this.queue.push(aged[next]);
      }
    }
    return this.endFrame(start, timeMs, ran, longest, longestTask);
  }

  /**
   * Cancels everything queued or running with an AbortError (running generators get `return()`; in-flight
   * async tasks keep running but their results reject now), detaches from the scene, clears the observables and
   * resolves pending `onIdle()` promises. It starts no timer. Calling it again does nothing.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.detach?.();
    const abort = (task: Task): void => this.cancelTask(task, DISPOSED);
    if (this.current !== undefined) abort(this.current);
    this.queue.drain(abort);
    for (const slot of this.pool.all()) slot.waiting.drain(abort);
    for (const task of this.inFlight) abort(task);
    this.onFrameObservable.clear();
    this.onTaskErrorObservable.clear();
    this.resolveIdle();
  }

  /**
   * Resolves when nothing is queued, in a slice or in flight (at once if so already, or once disposed).
   * Progress needs ticks: it never resolves on a scheduler that is not ticked.
   */
  onIdle(): Promise<void> {
    if (this.disposed || this.isIdle()) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** A snapshot of the counters, busy-time percentiles, queue waits and queue sizes. */
  stats(): SchedulerStats {
    return this.counters.snapshot(this.queued, this.inFlight.size);
  }

  private resourceNamed(name: string): ResourceSlot {
    const slot = this.pool.get(name);
    if (slot !== undefined) return slot;
    const known = this.pool.names().map((n) => `'${n}'`).join(', ') || 'none';
    throw new RangeError(`FrameScheduler.schedule: option 'resource' must name one of the scheduler's resources (${known}), got '${String(name)}'`);
  }

  /** Frame start: expires overdue tasks (within a share of the budget), wakes resource waiters, takes aged tasks. */
  private sweep(start: number, timeMs: number): Task[] {
    const more = (): boolean => this.now() - start < this.budgetMs * SWEEP_SHARE;
    const expire = (task: Task): boolean => (this.expire(task, timeMs), more());
    let sweeping = this.queue.expire(timeMs, expire);
    for (const slot of this.pool.all()) {
      sweeping = sweeping && slot.waiting.expire(timeMs, expire);
      slot.wake(this.requeue);
    }
    return this.queue.popAged(this.frame - this.maxWaitFrames);
  }

  /** Whether `task` may start a slice now; if not it was expired, or parked until its resource frees a unit. */
  private startable(task: Task, t: number): boolean {
    if (task.state !== QUEUED) return false;
    if (t > task.deadlineAt) {
      this.expire(task, t);
      return false;
    }
    if (task.resource !== undefined && !task.holdsResource) {
      if (!task.resource.tryAcquire()) {
        task.resource.waiting.push(task);
        return false;
      }
      task.holdsResource = true;
    }
    return true;
  }

  private runSlice(task: Task, t: number): void {
    this.queued--;
    if (!task.started) {
      task.started = true;
      task.deadlineAt = Infinity; // a start deadline: once started, ordered as if it had none
      this.counters.tasks.run++;
      this.counters.recordWait(task.lane, t - task.scheduledAt);
    }
    task.state = RUNNING;
    let value: unknown;
    try {
      if (task.gen === undefined) {
        value = task.fn!();
        if (typeof value === 'object' && value !== null) {
          if (typeof (value as PromiseLike<unknown>).then === 'function') return this.await(task, value as PromiseLike<unknown>);
          if (isGenerator(value)) task.gen = value;
        }
      }
      if (task.gen !== undefined) {
        const step = task.gen.next();
        if (!step.done) return this.suspend(task);
        value = step.value;
      }
    } catch (error) {
      return this.failed(task, error);
    }
    if (task.fulfil(value)) this.counters.tasks.done++;
    this.finish(task);
  }

  /** A generator yielded: back to its place in the queue, or closed if it was cancelled during the slice. */
  private suspend(task: Task): void {
    if (task.isSettled) {
      this.closeGenerator(task);
      return this.finish(task);
    }
    task.state = QUEUED;
    this.queued++;
    this.queue.push(task);
  }

  private await(task: Task, promise: PromiseLike<unknown>): void {
    task.state = IN_FLIGHT;
    this.inFlight.add(task);
    const settle = (ok: boolean, outcome: unknown): void => {
      this.inFlight.delete(task);
      if (!ok) return this.failed(task, outcome);
      if (task.fulfil(outcome)) this.counters.tasks.done++;
      this.finish(task);
    };
    Promise.resolve(promise).then((v) => settle(true, v), (e: unknown) => settle(false, e));
  }

  private failed(task: Task, error: unknown): void {
    const reported = task.fail(error);
    this.finish(task);
    if (!reported) return;
    this.counters.tasks.failed++;
    this.onTaskErrorObservable.notifyObservers({ id: task.id, name: task.name, error });
  }

  private expire(task: Task, t: number): void {
    this.queued--;
    this.counters.tasks.deadlineMisses++;
    task.fail(t - task.scheduledAt, deadlineReason);
    this.finish(task);
  }

  private cancelTask(task: Task, why: ReasonBuilder, reason?: unknown): void {
    if (!task.fail(reason, why)) return;
    this.counters.tasks.cancelled++;
    if (task.state !== QUEUED) return; // a slice or a promise in flight finishes it when it ends
    this.queued--;
    this.closeGenerator(task);
    this.finish(task);
  }

  /** Runs a cancelled generator's `return()` (its finally blocks); an error there is reported, not thrown. */
  private closeGenerator(task: Task): void {
    try {
      task.gen?.return(undefined);
    } catch (error) {
      this.onTaskErrorObservable.notifyObservers({ id: task.id, name: task.name, error });
    }
  }

  private finish(task: Task): void {
    task.state = FINISHED;
    if (task.holdsResource) {
      task.holdsResource = false;
      task.resource!.release();
      if (!this.disposed) task.resource!.wake(this.requeue);
    }
    if (!this.ticking) this.resolveIdle();
  }

  private endFrame(start: number, timeMs: number, tasksRun: number, longestSliceMs: number, longest: Task | undefined): FrameRecord {
    const busyMs = this.now() - start;
    const overrun = busyMs > this.budgetMs;
    this.counters.recordFrame(busyMs, overrun);
    const record: FrameRecord = {
      frame: this.frame, timeMs, busyMs, budgetMs: this.budgetMs, tasksRun, overrun,
      longestSliceMs, longestSliceTask: longest?.name, queued: this.queued,
    };
    this.resolveIdle();
    this.onFrameObservable.notifyObservers(record);
    return record;
  }

  private isIdle(): boolean {
    return !this.ticking && this.queued === 0 && this.inFlight.size === 0;
  }

  private resolveIdle(): void {
    if (this.idleWaiters.length === 0 || !(this.disposed || this.isIdle())) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
