/**
 * FrameScheduler workloads:
 * - `scheduler/overhead-100k`: per-task overhead of 100,000 no-op tasks, ours vs p-queue (concurrency 1).
 * - `scheduler/overload`: 10x more work than the budget for 600 frames; p99 busy ms per frame / budget, ours vs a
 *   naive loop that runs everything it is given each frame.
 */
import os from 'node:os';
import PQueue from 'p-queue';
import { median, measureAlternating, type BenchResult, type BenchWorkload } from '../harness.js';
import { FrameScheduler, type TaskPriority } from '../../src/scheduler/index.js';

const TASKS = 100_000;
const noop = (): void => {};

async function overhead(): Promise<BenchResult[]> {
  const runs = 15;
  const ms = await measureAlternating(
    {
      ours: async () => {
        const s = new FrameScheduler({ budgetMs: 60_000 });
        for (let i = 0; i < TASKS; i++) s.schedule(noop);
        s.tick();
        await s.onIdle();
        s.dispose();
      },
      'ours-awaiting-results': async () => {
        const s = new FrameScheduler({ budgetMs: 60_000 });
        const results = new Array<Promise<void>>(TASKS);
        for (let i = 0; i < TASKS; i++) results[i] = s.schedule(noop).result;
        s.tick();
        await Promise.all(results);
        s.dispose();
      },
      'p-queue': async () => {
        const queue = new PQueue({ concurrency: 1 });
        for (let i = 0; i < TASKS; i++) void queue.add(noop);
        await queue.onIdle();
      },
    },
    { runs, warmup: 3 },
  );
  const us = (total: number): number => (total * 1000) / TASKS;
  const notes = `us per task (schedule + run), median of ${runs} after 3 warm-ups; goal ours <= 0.5x p-queue`;
  return [
    { id: 'scheduler/overhead-100k', unit: 'us', ours: us(ms.ours), peers: { 'p-queue': us(ms['p-queue']) }, runs, notes: `${notes}; results not read (promises are lazy)` },
    {
      id: 'scheduler/overhead-100k/awaiting-results',
      unit: 'us',
      ours: us(ms['ours-awaiting-results']),
      peers: { 'p-queue': us(ms['p-queue']) },
      runs,
      notes: `${notes}; every task's result read and awaited, as p-queue's are`,
    },
  ];
}

const FRAMES = 600;
const BUDGET_MS = 1;
const UNIT_MS = 0.05;
/** Per frame: 200 units of 0.05 ms = 10 ms, ten times the budget. */
const MIX: { priority: TaskPriority; count: number; slices: number; deadlineMs?: number }[] = [
  { priority: 'critical', count: 20, slices: 1 },
  { priority: 'high', count: 20, slices: 1, deadlineMs: 100 },
  { priority: 'normal', count: 80, slices: 1, deadlineMs: 50 },
  { priority: 'normal', count: 10, slices: 4 },
  { priority: 'low', count: 20, slices: 1 },
  { priority: 'idle', count: 20, slices: 1 },
];

/** Where {@link work} keeps its result (a typed array: a module `let` written here made V8 deoptimise callers). */
const state = new Int32Array(1);

/** Fixed CPU work that allocates nothing (a time-polling spin would allocate and trigger GC itself). */
function work(iterations: number): void {
  let x = state[0];
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  state[0] = x;
}

/** Iterations of {@link work} that take `ms`: median of 7 measurements after warm-up. */
function calibrate(ms: number): number {
  const n = 1_000_000;
  for (let r = 0; r < 5; r++) work(n);
  const perMs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const start = performance.now();
    work(n);
    perMs.push(n / (performance.now() - start));
  }
  return Math.round(median(perMs) * ms);
}

function* sliced(iterations: number, slices: number): Generator<void, void, unknown> {
  for (let i = 0; i < slices; i++) yield work(iterations);
}

/** Runs 600 overloaded frames; `frame` returns its busy ms. Returns the busy ms of every frame, sorted. */
function busyPerFrame(frame: () => number): number[] {
  const busy: number[] = [];
  for (let f = 0; f < FRAMES; f++) busy.push(frame());
  return busy.sort((x, y) => x - y);
}

/** Busy = time in `tick()`: the 200 `schedule()` calls per frame belong to the producers, not to the budget. */
function oursOverloaded(iterations: number): number[] {
  const s = new FrameScheduler({ budgetMs: BUDGET_MS });
  const unit = (): void => work(iterations);
  const kinds = MIX.map(({ priority, deadlineMs, ...rest }) => ({ ...rest, options: { priority, deadlineMs } }));
  const busy = busyPerFrame(() => {
    for (const { count, slices, options } of kinds) {
      for (let i = 0; i < count; i++) {
        if (slices === 1) s.schedule(unit, options);
        else s.schedule(sliced(iterations, slices), options);
      }
    }
    const start = performance.now();
    s.tick();
    return performance.now() - start;
  });
  s.dispose();
  return busy;
}

/** Busy = time running everything given this frame, in order. */
function naiveOverloaded(iterations: number): number[] {
  return busyPerFrame(() => {
    const start = performance.now();
    for (const { count, slices } of MIX) {
      for (let i = 0; i < count; i++) for (const _ of sliced(iterations, slices));
    }
    return performance.now() - start;
  });
}

/** Nearest-rank percentile of sorted values, as a ratio to the budget. */
const ratio = (sorted: readonly number[], p: number): number => sorted[Math.ceil((p / 100) * sorted.length) - 1] / BUDGET_MS;

async function overload(): Promise<BenchResult[]> {
  const runs = 3;
  const ours: number[][] = [];
  const naive: number[][] = [];
  const iterations = calibrate(UNIT_MS);
  oursOverloaded(iterations);
  for (let r = 0; r < runs; r++) {
    ours.push(oursOverloaded(iterations));
    naive.push(naiveOverloaded(iterations));
  }
  const at = (runsOf: number[][], p: number): number => median(runsOf.map((busy) => ratio(busy, p)));
  const spread = (runsOf: number[][]): string => [50, 95, 99].map((p) => `p${p} ${at(runsOf, p).toFixed(2)}`).join(', ');
  return [
    {
      id: 'scheduler/overload',
      unit: 'ratio',
      ours: at(ours, 99),
      peers: { 'naive-run-all': at(naive, 99) },
      runs,
      notes:
        `p99 busy ms per frame / budget over ${FRAMES} frames, ${BUDGET_MS} ms budget, 10x work in ${UNIT_MS} ms slices, ` +
        `mixed priorities and deadlines; median of ${runs} alternating runs after 1 warm-up; goal <= 1.1. ` +
        `Ours ${spread(ours)}; naive ${spread(naive)}. Wall clock: time the OS gives other processes counts ` +
        `(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    },
  ];
}

export const workloads: BenchWorkload[] = [
  { id: 'scheduler/overhead-100k', run: overhead },
  { id: 'scheduler/overload', run: overload },
];
