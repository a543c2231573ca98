/** The task record, which is also the handle that `schedule()` returns. */
import { abortReason, type ReasonBuilder } from './errors.js';
import { PRIORITIES, type TaskPriority } from './priority.js';
import type { ResourceSlot } from './resource-pool.js';

/**
 * What `schedule()` accepts: a function (sync, or async returning a promise), a generator function, or a
 * generator object. A generator's every `yield` hands control back to the scheduler; it resumes in a later
 * slice (the same frame if budget is left, else a later frame) and its return value resolves the result.
 */
export type TaskSource<T> = (() => T | PromiseLike<T> | Generator<unknown, T, unknown>) | Generator<unknown, T, unknown>;

/** The handle of a scheduled task. */
export interface TaskHandle<T = unknown> {
  /** Unique within its scheduler, increasing in schedule order. */
  readonly id: number;
  /** `options.name`, else the function's name, else `task#<id>`: used in errors and reports. */
  readonly name: string;
  /** The priority it was scheduled with. */
  readonly priority: TaskPriority;
  /**
   * Settles with the task's value or error. Rejects with an Error named `AbortError` when cancelled, aborted or
   * disposed, with `DeadlineExceededError` when it did not start in time. The promise is created on first read
   * and marked handled, so a rejection that nobody reads or awaits never becomes an unhandled rejection;
   * promises chained from it follow the usual rules.
   */
  readonly result: Promise<T>;
  /**
   * Cancels the task: a queued task never starts; a generator stops at its next yield (its `return()` runs);
   * an async task already in flight keeps its resource until its promise settles, but its outcome is ignored.
   * The result rejects with an AbortError whose `cause` is `reason`. No effect once the result has settled.
   */
  cancel(reason?: unknown): void;
}

/** The scheduler side of a task: what `cancel()` and an abort signal call into. */
export interface TaskOwner {
  cancelTask(task: Task, why: ReasonBuilder, reason?: unknown): void;
}

const BY_HANDLE = abortReason('cancelled by its handle');
const BY_SIGNAL = abortReason('aborted by its signal');

/** Lifecycle: in a queue (or between generator slices), in a slice now, async in flight, finished. */
export const QUEUED = 0;
export const RUNNING = 1;
export const IN_FLIGHT = 2;
export const FINISHED = 3;

const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;

function noop(): void {}

/** One scheduled task. Internal: users see it through {@link TaskHandle}. */
export class Task<T = unknown> implements TaskHandle<T> {
  /** {@link QUEUED}, {@link RUNNING}, {@link IN_FLIGHT} or {@link FINISHED}. */
  state = QUEUED;
  /** Whether its first slice has run (deadlines apply only before). */
  started = false;
  /** Whether it holds a unit of `resource`. */
  holdsResource = false;
  /** The generator being driven, once there is one. */
  gen: Generator<unknown, T, unknown> | undefined;
  /** The resource it needs, if any. */
  resource: ResourceSlot | undefined;
  /** The signal it listens to, if any. */
  signal: AbortSignal | undefined;
  /** Relative deadline in ms (Infinity when none). */
  deadlineMs = Infinity;
  /** Absolute time it must start by (Infinity when none, or once started). */
  deadlineAt = Infinity;
  private outcome = PENDING;
  private settled: unknown;
  private build: ReasonBuilder | undefined;
  private promise: Promise<T> | undefined;
  private resolveFn: ((value: T) => void) | undefined;
  private rejectFn: ((error: unknown) => void) | undefined;

  constructor(
    readonly id: number,
    readonly owner: TaskOwner,
    readonly fn: (() => unknown) | undefined,
    readonly lane: number,
    readonly scheduledAt: number,
    readonly enqueueFrame: number,
    readonly label: string | undefined,
  ) {}

  get name(): string {
    return this.label ?? (this.fn?.name || `task#${this.id}`);
  }

  get priority(): TaskPriority {
    return PRIORITIES[this.lane];
  }

  get result(): Promise<T> {
    if (this.promise === undefined) {
      if (this.outcome === FULFILLED) this.promise = Promise.resolve(this.settled as T);
      else if (this.outcome === REJECTED) this.promise = Promise.reject(this.reason());
      else this.promise = new Promise<T>((resolve, reject) => ((this.resolveFn = resolve), (this.rejectFn = reject)));
      this.promise.catch(noop);
    }
    return this.promise;
  }

  cancel(reason?: unknown): void {
    this.owner.cancelTask(this as Task, BY_HANDLE, reason);
  }

  /** The AbortSignal listener (an object listener: no closure per task). */
  handleEvent(): void {
    this.owner.cancelTask(this as Task, BY_SIGNAL, this.signal?.reason);
  }

  /** Whether the result has settled. */
  get isSettled(): boolean {
    return this.outcome !== PENDING;
  }

  /** Resolves the result; false when it had already settled. */
  fulfil(value: T): boolean {
    if (this.outcome !== PENDING) return false;
    this.outcome = FULFILLED;
    this.settled = value;
    this.resolveFn?.(value);
    this.detachSignal();
    return true;
  }

  /** Rejects the result with `error`, or with `build(this, error)` made when first needed; false if already settled. */
  fail(error: unknown, build?: ReasonBuilder): boolean {
    if (this.outcome !== PENDING) return false;
    this.outcome = REJECTED;
    this.settled = error;
    this.build = build;
    if (this.rejectFn !== undefined) this.rejectFn(this.reason());
    this.detachSignal();
    return true;
  }

  private reason(): unknown {
    if (this.build !== undefined) {
      this.settled = this.build(this, this.settled);
      this.build = undefined;
    }
    return this.settled;
  }

  private detachSignal(): void {
    this.signal?.removeEventListener('abort', this);
    this.resolveFn = this.rejectFn = undefined;
  }
}
