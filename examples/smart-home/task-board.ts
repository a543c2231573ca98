/**
 * A FrameScheduler that keeps a tally per task name, so the page can show which kinds of work run
 * concurrently: runs, tasks in flight (queued, in a slice, between generator slices, or async and not settled)
 * and the time spent in their slices.
 */
import { FrameScheduler, type ScheduleOptions, type TaskHandle, type TaskPriority, type TaskSource } from 'babylon-collaborator';

/** The tally of one kind of task. */
export interface TaskTally {
  priority: TaskPriority;
  /** Tasks scheduled. */
  runs: number;
  /** Tasks not settled yet. */
  inFlight: number;
  /** Milliseconds spent in the tasks' slices (an async task's awaited work is not counted). */
  busyMs: number;
}

const isGenerator = (v: unknown): v is Generator => Object.prototype.toString.call(v) === '[object Generator]';

export class TaskBoard extends FrameScheduler {
  /** One tally per task name. */
  readonly tallies: Record<string, TaskTally> = {};

  override schedule<T>(task: () => Generator<unknown, T, unknown>, options?: ScheduleOptions): TaskHandle<T>;
  override schedule<T>(task: Generator<unknown, T, unknown>, options?: ScheduleOptions): TaskHandle<T>;
  override schedule<T>(task: () => T | PromiseLike<T>, options?: ScheduleOptions): TaskHandle<Awaited<T>>;
  override schedule(source: TaskSource<unknown>, options: ScheduleOptions = {}): TaskHandle<unknown> {
    const name = options.name ?? 'task';
    const tally = (this.tallies[name] ??= { priority: options.priority ?? 'normal', runs: 0, inFlight: 0, busyMs: 0 });
    const timed = <T>(slice: () => T): T => {
      const start = performance.now();
      try {
        return slice();
      } finally {
        tally.busyMs += performance.now() - start;
      }
    };
    function* slices(generator: Generator): Generator {
      for (;;) {
        const step = timed(() => generator.next());
        if (step.done) return step.value;
        yield step.value;
      }
    }
    const handle = super.schedule(() => {
      const value = timed(() => (typeof source === 'function' ? source() : source));
      return isGenerator(value) ? slices(value) : value;
    }, options);
    tally.runs++;
    tally.inFlight++;
    const settle = (): void => void tally.inFlight--;
    handle.result.then(settle, settle);
    return handle;
  }

  /** The tallies as lines: name, priority, runs, in flight, busy ms. */
  describe(): string {
    return Object.entries(this.tallies)
      .map(([name, t]) => `${name.padEnd(24)} ${t.priority.padEnd(8)} ${String(t.runs).padStart(5)} runs · ${t.inFlight} now · ${t.busyMs.toFixed(0)} ms`)
      .join('\n');
  }
}
