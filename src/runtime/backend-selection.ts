import type { BackendName, Model, ValueInfo } from './model.js';
import type { Tensor } from './tensor.js';

/** How one back end did in `'auto'`'s timing at load. */
export interface BackendTiming {
  /** Median milliseconds of the timed runs; undefined when the back end could not load or run the model. */
  readonly ms?: number;
  /** Number of timed runs (after one warm-up run). */
  readonly runs: number;
  /** Why the back end was not usable, when it was not. */
  readonly error?: string;
}

/** What `loadModel(..., { backend: 'auto' })` measured and chose. */
export interface BackendSelection {
  /** The back end chosen: the fastest that ran the model. */
  readonly backend: BackendName;
  /** The batch size the runs were timed at. */
  readonly batchSize: number;
  /** Every back end considered, by name. */
  readonly timings: Readonly<Partial<Record<BackendName, BackendTiming>>>;
}

/** A model chosen by `'auto'`: the chosen back end's model, with the measurements behind the choice. */
export interface SelectedModel extends Model {
  /** The choice and the timings behind it. */
  readonly selection: BackendSelection;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times `model` on `feeds`: one warm-up run, then timed runs until `budgetMs` is spent (at least one, at most 20).
 * @returns the timing; a failing run gives a timing with `error`
 */
export async function timeModel(model: Model, feeds: Record<string, Tensor>, budgetMs: number): Promise<BackendTiming> {
  try {
    await model.run(feeds);
    const times: number[] = [];
    const start = performance.now();
    do {
      const t0 = performance.now();
      await model.run(feeds);
      times.push(performance.now() - t0);
    } while (times.length < 20 && performance.now() - start < budgetMs);
    return { ms: median(times), runs: times.length };
  } catch (error) {
    return { runs: 0, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Delegates to the chosen back end's model and carries the {@link BackendSelection}. */
export class AutoSelectedModel implements SelectedModel {
  /** The choice and the timings behind it. */
  readonly selection: BackendSelection;
  private readonly model: Model;

  /**
   * @param model - the chosen back end's model (owned: disposed with this one)
   * @param selection - what was measured
   */
  constructor(model: Model, selection: BackendSelection) {
    this.model = model;
    this.selection = selection;
  }

  /** The graph inputs, in graph order. */
  get inputs(): readonly ValueInfo[] {
    return this.model.inputs;
  }

  /** The graph outputs, in graph order. */
  get outputs(): readonly ValueInfo[] {
    return this.model.outputs;
  }

  /** The chosen back end. */
  get backend(): BackendName {
    return this.model.backend;
  }

  /** Runs the chosen back end's model (see {@link Model.run}). */
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> {
    return this.model.run(feeds);
  }

  /** Disposes the chosen back end's model. Idempotent. */
  dispose(): void {
    this.model.dispose();
  }
}
