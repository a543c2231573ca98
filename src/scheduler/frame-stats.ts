/** Per-frame records and the running statistics of a scheduler. */
import { PRIORITIES, type TaskPriority } from './priority.js';

/** What one `tick()` did; passed to `onFrameObservable` after each tick. */
export interface FrameRecord {
  /** Frame number, from 1. */
  readonly frame: number;
  /** The frame's start time (the tick's `nowMs`), in the scheduler clock's base. */
  readonly timeMs: number;
  /** Time spent in the tick: task slices plus the scheduler's own bookkeeping. */
  readonly busyMs: number;
  /** The budget the frame had. */
  readonly budgetMs: number;
  /** Slices run: task starts plus generator resumes. */
  readonly tasksRun: number;
  /** Whether `busyMs > budgetMs`: the last slice crossed the budget (a task that cannot be preempted overran). */
  readonly overrun: boolean;
  /** The longest slice of the frame in ms (0 when none ran). */
  readonly longestSliceMs: number;
  /** The name of the task that ran that slice. */
  readonly longestSliceTask: string | undefined;
  /** Tasks still queued (ready, waiting for a resource or between generator slices) after the frame. */
  readonly queued: number;
}

/** Task counters since the scheduler was created. */
export interface TaskCounts {
  /** Accepted by `schedule()`. */
  scheduled: number;
  /** Started (first slice run). */
  run: number;
  /** Resolved. */
  done: number;
  /** Rejected because the task threw or its promise rejected. */
  failed: number;
  /** Rejected with an AbortError (cancel, signal, dispose). */
  cancelled: number;
  /** Rejected with a DeadlineExceededError. */
  deadlineMisses: number;
}

/** A snapshot returned by `FrameScheduler.stats()`. */
export interface SchedulerStats {
  /** Ticks run. */
  readonly frames: number;
  /** Task counters since creation. */
  readonly tasks: Readonly<TaskCounts>;
  /** Busy ms per frame over the last `statsWindowFrames` frames (nearest-rank percentiles; 0 before any frame). */
  readonly busyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
  /** Frames whose busy time exceeded the budget, since creation. */
  readonly overrunFrames: number;
  /** Per priority, the longest time a task waited between `schedule()` and its start, since creation. */
  readonly maxQueueWaitMs: Readonly<Record<TaskPriority, number>>;
  /** Tasks queued now (ready, waiting for a resource, or between generator slices). */
  readonly queued: number;
  /** Async tasks whose promise has not settled yet. */
  readonly inFlight: number;
}

/** Accumulates the numbers behind {@link SchedulerStats}. */
export class StatsCollector {
  frames = 0;
  overrunFrames = 0;
  readonly tasks: TaskCounts = { scheduled: 0, run: 0, done: 0, failed: 0, cancelled: 0, deadlineMisses: 0 };
  private readonly maxWait = PRIORITIES.map(() => 0);
  private readonly window: Float64Array;
  private filled = 0;

  /** @param windowFrames - how many recent frames the busy percentiles cover. */
  constructor(windowFrames: number) {
    this.window = new Float64Array(windowFrames);
  }

  /** Records one frame. */
  recordFrame(busyMs: number, overrun: boolean): void {
    this.window[this.frames % this.window.length] = busyMs;
    this.frames++;
    if (this.filled < this.window.length) this.filled++;
    if (overrun) this.overrunFrames++;
  }

  /** Records how long a task of `lane` waited before it started. */
  recordWait(lane: number, waitedMs: number): void {
    if (waitedMs > this.maxWait[lane]) this.maxWait[lane] = waitedMs;
  }

  /** A snapshot of everything. */
  snapshot(queued: number, inFlight: number): SchedulerStats {
    const sorted = this.window.slice(0, this.filled).sort();
    const rank = (p: number): number => (sorted.length === 0 ? 0 : sorted[Math.ceil((p / 100) * sorted.length) - 1]);
    return {
      frames: this.frames,
      tasks: { ...this.tasks },
      busyMs: { p50: rank(50), p95: rank(95), p99: rank(99), max: rank(100) },
      overrunFrames: this.overrunFrames,
      maxQueueWaitMs: Object.fromEntries(PRIORITIES.map((p, i) => [p, this.maxWait[i]])) as Record<TaskPriority, number>,
      queued,
      inFlight,
    };
  }
}
