/** A manual clock for deterministic scheduler tests: tasks "cost" time by advancing it. */
export class FakeClock {
  time = 0;
  /** Pass as the scheduler's `now` option. */
  readonly now = (): number => this.time;

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Resolves after pending promise callbacks and the 0 ms timers set before (Babylon's deferred observer removal). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
