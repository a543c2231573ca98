/** The options of `new FrameScheduler()` and `schedule()`, and their validation. */
import { describeValue, requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import { laneOf, NORMAL_LANE, PRIORITIES, type TaskPriority } from './priority.js';

/** Options of `new FrameScheduler()`. Invalid values throw a TypeError or RangeError naming the option. */
export interface FrameSchedulerOptions {
  /**
   * Milliseconds of task work per frame, > 0. The clock is read before each task or generator slice, so a
   * frame's busy time stays under the budget plus one slice.
   * @default 2
   */
  budgetMs?: number;
  /** Named counting limits, e.g. `{ gpu: 2 }`: integer capacities >= 1. @default {} */
  resources?: Record<string, number>;
  /**
   * Aging bound, an integer >= 1: a `high`, `normal` or `low` task that has waited this many frames runs at the
   * start of the next frame, before any other work, whatever the load above it (one such task per priority per
   * frame). `idle` tasks are never aged: they only get left-over budget.
   * @default 60
   */
  maxWaitFrames?: number;
  /** How many recent frames `stats().busyMs` covers, an integer >= 1. @default 600 */
  statsWindowFrames?: number;
  /**
   * The clock, in ms: busy time, queue waits and deadlines are measured with it. Inject a fake one for
   * deterministic tests.
   * @default () => performance.now()
   */
  now?: () => number;
}

/** Options of `schedule()`. Invalid values throw a TypeError or RangeError naming the option. */
export interface ScheduleOptions {
  /** Name used in errors, `onTaskErrorObservable` and frame records. @default the function's name */
  name?: string;
  /** @default 'normal' */
  priority?: TaskPriority;
  /**
   * Relative deadline in ms (>= 0): if the task has not started within this time of `schedule()`, its result
   * rejects with `DeadlineExceededError` and it never runs. Within a priority, earlier deadlines run first.
   */
  deadlineMs?: number;
  /** Aborting it cancels the task, like `handle.cancel()`. An already aborted signal cancels it at once. */
  signal?: AbortSignal;
  /** A name from the scheduler's `resources`: the task holds one unit from its start until it settles. */
  resource?: string;
}

/** Constructor options with defaults applied. */
export interface ResolvedOptions {
  budgetMs: number;
  resources: Record<string, number>;
  maxWaitFrames: number;
  statsWindowFrames: number;
  now: () => number;
}

const OWNER = 'FrameScheduler';
const SCHEDULE = 'FrameScheduler.schedule';
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates constructor options and applies defaults. */
export function resolveOptions(options: FrameSchedulerOptions | undefined): ResolvedOptions {
  const o = requireType<FrameSchedulerOptions>(OWNER, 'options', options ?? {}, isObject, 'an object');
  const resources = requireType<Record<string, number>>(OWNER, 'resources', o.resources ?? {}, isObject, 'an object of capacities');
  for (const [name, capacity] of Object.entries(resources)) requireInteger(OWNER, `resources.${name}`, capacity, 1);
  return {
    budgetMs: requireNumber(OWNER, 'budgetMs', o.budgetMs ?? 2, 0, Infinity, true),
    resources: { ...resources },
    maxWaitFrames: requireInteger(OWNER, 'maxWaitFrames', o.maxWaitFrames ?? 60, 1),
    statsWindowFrames: requireInteger(OWNER, 'statsWindowFrames', o.statsWindowFrames ?? 600, 1),
    now: requireType<() => number>(OWNER, 'now', o.now ?? (() => performance.now()), (v) => typeof v === 'function', 'a function'),
  };
}

/** Validates `schedule()` options; returns the priority lane. */
export function checkScheduleOptions(options: ScheduleOptions): number {
  const owner = SCHEDULE;
  requireType(owner, 'options', options, isObject, 'an object');
  if (options.name !== undefined) requireType(owner, 'name', options.name, (v) => typeof v === 'string', 'a string');
  if (options.deadlineMs !== undefined) requireNumber(owner, 'deadlineMs', options.deadlineMs, 0);
  if (options.signal !== undefined) {
    requireType(owner, 'signal', options.signal, (v) => typeof AbortSignal !== 'undefined' && v instanceof AbortSignal, 'an AbortSignal');
  }
  if (options.priority === undefined) return NORMAL_LANE;
  const lane = laneOf(options.priority);
  if (lane < 0) {
    throw new RangeError(`${owner}: option 'priority' must be one of ${PRIORITIES.map((p) => `'${p}'`).join(', ')}, got ${describeValue(options.priority)}`);
  }
  return lane;
}
