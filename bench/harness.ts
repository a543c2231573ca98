/**
 * The benchmark harness: workloads measure ours beside peer libraries in the same process run,
 * alternating contenders after warm-up, and report medians (see README "Benchmarks").
 */

/** One line of the JSON output. */
export interface BenchResult {
  /** Stable workload id, e.g. `collab/decide-1000`. */
  id: string;
  /** Unit of `ours` and `peers`, e.g. `ms` or `ratio`. */
  unit: string;
  /** Our median. */
  ours: number;
  /** Each peer's median, by peer name. */
  peers: Record<string, number>;
  /** Measured runs per contender. */
  runs: number;
  /** How it was measured and what the goal is. */
  notes: string;
}

/** A workload: `run()` measures and returns one or more results (e.g. one per batch size). */
export interface BenchWorkload {
  /** Id prefix matched by `--only`. */
  id: string;
  run(): Promise<BenchResult[]>;
}

/** A contender: one timed repetition. May be async. */
export type Contender = () => unknown | Promise<unknown>;

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times each contender `runs` times after `warmup` untimed runs, alternating contenders run by run so that
 * machine noise hits all of them alike. Returns the median milliseconds per run of each, by name.
 */
export async function measureAlternating(
  contenders: Record<string, Contender>,
  { runs = 30, warmup = 5 }: { runs?: number; warmup?: number } = {},
): Promise<Record<string, number>> {
  const names = Object.keys(contenders);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < warmup + runs; i++) {
    for (const name of names) {
      const start = performance.now();
      await contenders[name]();
      const elapsed = performance.now() - start;
      if (i >= warmup) times[name].push(elapsed);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n])]));
}
