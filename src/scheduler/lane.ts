/**
 * One priority's queue: earliest deadline first, then FIFO by id. Tasks without a deadline that arrive in id
 * order live in a ring deque (O(1)); the others (deadlines, re-queued tasks) in an array-backed binary heap.
 * Cancelled or expired tasks are skipped lazily when they reach the front.
 */
import { Deque } from './deque.js';
import { QUEUED, type Task } from './task.js';

/** Whether `a` runs before `b`. */
function before(a: Task, b: Task): boolean {
  return a.deadlineAt < b.deadlineAt || (a.deadlineAt === b.deadlineAt && a.id < b.id);
}

export class Lane {
  private readonly fifo = new Deque<Task>();
  private readonly heap: Task[] = [];

  /** Adds a task (new, yielded or back from a resource wait) at its place in the order. */
  push(task: Task): void {
    if (task.deadlineAt === Infinity) {
      const last = this.fifo.last();
      if (last === undefined || task.id > last.id) return this.fifo.push(task);
      if (task.id < this.fifo.first()!.id) return this.fifo.unshift(task);
    }
    this.heapPush(task);
  }

  /** Removes and returns the next task in order, or undefined when none is queued. */
  pop(): Task | undefined {
    const f = this.fifoFront();
    const h = this.heapTop();
    if (h !== undefined && (f === undefined || before(h, f))) return this.heapPop();
    return f === undefined ? undefined : this.fifo.shift();
  }

  /** Removes and returns the front task that was scheduled first if it was enqueued at or before `frame`. */
  popOlderThan(frame: number): Task | undefined {
    const f = this.fifoFront();
    const h = this.heapTop();
    if (h !== undefined && h.enqueueFrame <= frame && (f === undefined || h.id < f.id)) return this.heapPop();
    return f !== undefined && f.enqueueFrame <= frame ? this.fifo.shift() : undefined;
  }

  /** Removes the tasks whose deadline is before `now`, earliest first, passing each to `expire` until it returns false. */
  expire(now: number, expire: (task: Task) => boolean): boolean {
    for (let top = this.heapTop(); top !== undefined && top.deadlineAt < now; top = this.heapTop()) {
      if (!expire(this.heapPop())) return false;
    }
    return true;
  }

  /** Removes every queued task and passes it to `visit`. */
  drain(visit: (task: Task) => void): void {
    for (let task = this.pop(); task !== undefined; task = this.pop()) visit(task);
  }

  private fifoFront(): Task | undefined {
    while (this.fifo.length > 0 && this.fifo.first()!.state !== QUEUED) this.fifo.shift();
    return this.fifo.first();
  }

  private heapTop(): Task | undefined {
    while (this.heap.length > 0 && this.heap[0].state !== QUEUED) this.heapPop();
    return this.heap[0];
  }

  private heapPush(task: Task): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(task);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = task;
  }

  private heapPop(): Task {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && before(heap[child + 1], heap[child])) child++;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
