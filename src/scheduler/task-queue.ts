/** The ready queue: one {@link Lane} per priority, highest first. */
import { Lane } from './lane.js';
import { IDLE_LANE, PRIORITIES } from './priority.js';
import type { Task } from './task.js';

export class TaskQueue {
  private readonly lanes = PRIORITIES.map(() => new Lane());

  /** Adds a task to its priority's lane. */
  push(task: Task): void {
    this.lanes[task.lane].push(task);
  }

  /** Removes and returns the next task: highest priority, then earliest deadline, then FIFO. */
  pop(): Task | undefined {
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const task = lanes[i].pop();
      if (task !== undefined) return task;
    }
    return undefined;
  }

  /**
   * Aging: removes, per priority below `critical` and above `idle`, the longest-waiting task when it was enqueued
   * at or before `frame`; returns them highest priority first.
   */
  popAged(frame: number): Task[] {
    const aged: Task[] = [];
    for (let i = 1; i < IDLE_LANE; i++) {
      const task = this.lanes[i].popOlderThan(frame);
      if (task !== undefined) aged.push(task);
    }
    return aged;
  }

  /** Removes the tasks whose deadline is before `now`, passing each to `expire` until it returns false. */
  expire(now: number, expire: (task: Task) => boolean): boolean {
    return this.lanes.every((lane) => lane.expire(now, expire));
  }

  /** Removes every queued task and passes it to `visit`. */
  drain(visit: (task: Task) => void): void {
    for (const lane of this.lanes) lane.drain(visit);
  }
}
