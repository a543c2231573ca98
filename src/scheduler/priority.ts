/** Task priorities, highest first. */

/**
 * How urgent a task is. Higher priorities run first; within a priority, the earliest deadline first, then FIFO.
 * `idle` work runs only in budget that the other priorities left over in a frame.
 */
export type TaskPriority = 'critical' | 'high' | 'normal' | 'low' | 'idle';

/** Every priority, highest first; a task's lane is its index here. */
export const PRIORITIES: readonly TaskPriority[] = ['critical', 'high', 'normal', 'low', 'idle'];

/** The lane of `normal`, the default priority. */
export const NORMAL_LANE = 2;

/** The lane of `idle`: never aged, so it only ever gets left-over budget. */
export const IDLE_LANE = 4;

/** The lane of a priority name, or -1 when the name is not a priority. */
export function laneOf(priority: unknown): number {
  return PRIORITIES.indexOf(priority as TaskPriority);
}
