/** Typed errors of the FrameScheduler. Each carries the task's name so a log line says which task failed. */

/**
 * The rejection of a task that had not started within `deadlineMs` of `schedule()`.
 * `name` is `'DeadlineExceededError'`; the task never ran.
 */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';

  /**
   * @param taskName - the task's name.
   * @param deadlineMs - the relative deadline given to `schedule()`.
   * @param waitedMs - how long the task had waited when it was rejected.
   */
  constructor(
    readonly taskName: string,
    readonly deadlineMs: number,
    readonly waitedMs: number,
  ) {
    super(`task '${taskName}' did not start within its deadline of ${deadlineMs} ms (waited ${waitedMs.toFixed(3)} ms)`);
  }
}

/**
 * The rejection of a task cancelled by `handle.cancel()`, by its `AbortSignal` or by `dispose()`.
 * `name` is `'AbortError'`, like the DOM's; `cause` holds the signal's or the caller's reason when one was given.
 */
export class AbortError extends Error {
  override readonly name = 'AbortError';
}

/** What a rejection reason is built from. */
export interface RejectedTask {
  readonly name: string;
  readonly deadlineMs: number;
}

/**
 * Builds a task's rejection reason from the task and one datum, on demand: a task whose result nobody reads
 * never pays for an Error and its stack (deadline misses and cancellations can come by the thousand).
 */
export type ReasonBuilder = (task: RejectedTask, datum: unknown) => unknown;

/** The builder of the AbortError for cancellations `why`; the datum is the caller's or signal's reason (its `cause`). */
export function abortReason(why: string): ReasonBuilder {
  return (task, reason) => {
    const message = `task '${task.name}' was cancelled (${why})`;
    return reason === undefined ? new AbortError(message) : new AbortError(message, { cause: reason });
  };
}

/** The builder of a DeadlineExceededError; the datum is how long the task had waited, in ms. */
export const deadlineReason: ReasonBuilder = (task, waitedMs) => new DeadlineExceededError(task.name, task.deadlineMs, waitedMs as number);

/** Thrown by `schedule()` and `tick()` once the scheduler is disposed. */
export class SchedulerDisposedError extends Error {
  override readonly name = 'SchedulerDisposedError';
}
