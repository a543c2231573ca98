/** The FrameScheduler's public surface. */
export { FrameScheduler, type TaskErrorEvent } from './frame-scheduler.js';
export type { FrameSchedulerOptions, ScheduleOptions } from './options.js';
export type { TaskHandle, TaskSource } from './task.js';
export type { TaskPriority } from './priority.js';
export { PRIORITIES } from './priority.js';
export type { FrameRecord, SchedulerStats, TaskCounts } from './frame-stats.js';
export { AbortError, DeadlineExceededError, SchedulerDisposedError } from './errors.js';
