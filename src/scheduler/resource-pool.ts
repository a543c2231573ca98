/** Named counting limits (e.g. `{ gpu: 2 }`): a task needing a resource holds one unit while it runs. */
import { TaskQueue } from './task-queue.js';
import type { Task } from './task.js';

/** One named resource: its capacity, units in use and the tasks waiting for a unit, in queue order. */
export class ResourceSlot {
  /** Units held now. */
  inUse = 0;
  /** Tasks that came to the front of the ready queue while no unit was free. */
  readonly waiting = new TaskQueue();

  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {}

  /** Takes a unit if one is free. */
  tryAcquire(): boolean {
    if (this.inUse >= this.capacity) return false;
    this.inUse++;
    return true;
  }

  /** Gives a unit back. */
  release(): void {
    this.inUse--;
  }

  /**
   * Removes as many waiting tasks as there are free units and passes them to `wake` (to go back to the ready
   * queue, where one that finds no unit free waits again).
   */
  wake(wake: (task: Task) => void): void {
    for (let free = this.capacity - this.inUse; free > 0; free--) {
      const task = this.waiting.pop();
      if (task === undefined) return;
      wake(task);
    }
  }
}

/** The resources of one scheduler, by name. */
export class ResourcePool {
  private readonly slots = new Map<string, ResourceSlot>();

  /** @param limits - capacity per name, already validated. */
  constructor(limits: Readonly<Record<string, number>>) {
    for (const [name, capacity] of Object.entries(limits)) this.slots.set(name, new ResourceSlot(name, capacity));
  }

  /** The resource called `name`, or undefined. */
  get(name: string): ResourceSlot | undefined {
    return this.slots.get(name);
  }

  /** The names of all resources, for error messages. */
  names(): string[] {
    return [...this.slots.keys()];
  }

  /** Every resource. */
  all(): IterableIterator<ResourceSlot> {
    return this.slots.values();
  }
}
