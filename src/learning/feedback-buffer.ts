import { SpecMismatchError } from '../collaborator/errors.js';
import type { FeedbackRecord } from '../collaborator/feedback.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import { randomSeed, SeededRandom } from './random.js';

/** Options of {@link FeedbackBuffer}. Invalid values throw a TypeError or RangeError naming the option. */
export interface FeedbackBufferOptions {
  /** Records kept, integer >= 1; when full, each new record replaces the oldest. */
  capacity: number;
  /** Seed of the sampling. @default a random seed */
  seed?: number;
}

/** How {@link FeedbackBuffer.sample} draws records (with replacement). */
export interface SampleOptions {
  /**
   * `'uniform'`: every record equally likely. `'recency'`: a record's chance halves every `halfLife` newer
   * records, so fresh corrections dominate while old ones still count.
   * @default 'uniform'
   */
  mode?: 'uniform' | 'recency';
  /** For `'recency'`: the age (in records) at which a record's chance is half the newest one's, > 0. @default 32 */
  halfLife?: number;
}

/** The JSON form of a {@link FeedbackBuffer}: the records oldest first, numbers as plain arrays. */
export interface FeedbackBufferJSON {
  readonly version: 1;
  readonly capacity: number;
  readonly records: readonly {
    readonly observation: number[];
    readonly aiAction: { readonly continuous: number[]; readonly discrete: number[] };
    readonly humanAction: { readonly continuous: number[]; readonly discrete: number[] };
    readonly weight: number;
    readonly time: number;
  }[];
}

const OWNER = 'FeedbackBuffer';

/**
 * A ring buffer of human corrections (observation, AI action, human action, weight, time): what online learning
 * trains on. Keeps the newest `capacity` records, samples them uniformly or by recency (seeded), and
 * round-trips through JSON (`JSON.stringify(buffer)`, {@link FeedbackBuffer.fromJSON}).
 * Records are kept as given (a {@link FeedbackRecord} is owned: never mutate one after adding it).
 */
export class FeedbackBuffer {
  /** Records kept at most. */
  readonly capacity: number;
  private readonly ring: (FeedbackRecord | undefined)[];
  private readonly random: SeededRandom;
  private head = 0;
  private count = 0;
  private cumulative = new Float64Array(0);

  /** @throws TypeError or RangeError naming the option and the value */
  constructor(options: FeedbackBufferOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.capacity = requireInteger(OWNER, 'capacity', options.capacity, 1);
    this.random = new SeededRandom(options.seed === undefined ? randomSeed() : requireNumber(OWNER, 'seed', options.seed));
    this.ring = new Array<FeedbackRecord | undefined>(this.capacity);
  }

  /** Records held now. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds a record (the newest), dropping the oldest when full.
   * @throws TypeError for a malformed record; SpecMismatchError when its sizes differ from the records held
   */
  add(record: FeedbackRecord): void {
    checkRecord(record);
    const first = this.count > 0 ? this.get(0) : undefined;
    if (first && !sameShape(first, record)) {
      throw new SpecMismatchError(`${OWNER}.add: the record's observation or action sizes differ from the records held (${shapeOf(first)} vs ${shapeOf(record)})`);
    }
    this.ring[(this.head + this.count) % this.capacity] = record;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** The record at `index`, 0 being the oldest and `size - 1` the newest. @throws RangeError outside [0, size) */
  get(index: number): FeedbackRecord {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`${OWNER}.get: index must be in [0, ${this.count - 1}], got ${index}`);
    return this.ring[(this.head + index) % this.capacity]!;
  }

  /** Every record, oldest first. */
  records(): FeedbackRecord[] {
    return Array.from({ length: this.count }, (_, i) => this.get(i));
  }

  /** Removes every record. */
  clear(): void {
    this.ring.fill(undefined);
    this.head = this.count = 0;
  }

  /**
   * Draws `count` record indices (0 = oldest) with replacement into `out` (seeded). Allocates nothing once warm.
   * @returns `out`
   * @throws RangeError when the buffer is empty or an option is invalid
   */
  sampleIndices(count: number, out: Uint32Array, options?: SampleOptions): Uint32Array {
    if (this.count === 0) throw new RangeError(`${OWNER}.sample: the buffer is empty`);
    const mode = options?.mode ?? 'uniform';
    if (mode === 'uniform') {
      for (let i = 0; i < count; i++) out[i] = this.random.int(this.count);
      return out;
    }
    if (mode !== 'recency') throw new RangeError(`${OWNER}.sample: option 'mode' must be 'uniform' or 'recency', got '${String(mode)}'`);
    const halfLife = requireNumber(`${OWNER}.sample`, 'halfLife', options?.halfLife ?? 32, 0, Infinity, true);
    if (this.cumulative.length < this.count) this.cumulative = new Float64Array(this.capacity);
    const cumulative = this.cumulative;
    let total = 0;
    for (let i = 0; i < this.count; i++) cumulative[i] = total += 2 ** (-(this.count - 1 - i) / halfLife);
    for (let i = 0; i < count; i++) {
      const u = this.random.next() * total;
      let lo = 0, hi = this.count - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      out[i] = lo;
    }
    return out;
  }

  /** Draws `count` records with replacement (seeded); see {@link sampleIndices}. */
  sample(count: number, options?: SampleOptions): FeedbackRecord[] {
    requireInteger(`${OWNER}.sample`, 'count', count, 0);
    return Array.from(this.sampleIndices(count, new Uint32Array(count), options), (i) => this.get(i));
  }

  /** The JSON form (called by `JSON.stringify`). */
  toJSON(): FeedbackBufferJSON {
    const actions = (a: FeedbackRecord['aiAction']) => ({ continuous: Array.from(a.continuous), discrete: Array.from(a.discrete) });
    return {
      version: 1,
      capacity: this.capacity,
      records: this.records().map((r) => ({
        observation: Array.from(r.observation), aiAction: actions(r.aiAction), humanAction: actions(r.humanAction), weight: r.weight, time: r.time,
      })),
    };
  }

  /**
   * A buffer from {@link toJSON}'s output (an object, or its JSON text).
   * @param seed - seed of the new buffer's sampling
   * @throws TypeError naming what is malformed; SpecMismatchError when records differ in sizes
   */
  static fromJSON(json: FeedbackBufferJSON | string, seed?: number): FeedbackBuffer {
    const data = (typeof json === 'string' ? JSON.parse(json) : json) as FeedbackBufferJSON;
    if (typeof data !== 'object' || data === null || data.version !== 1 || !Array.isArray(data.records)) {
      throw new TypeError(`${OWNER}.fromJSON: expected { version: 1, capacity, records: [...] }`);
    }
    const buffer = new FeedbackBuffer({ capacity: data.capacity, ...(seed !== undefined && { seed }) });
    const floats = (v: unknown, what: string): Float32Array => {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) throw new TypeError(`${OWNER}.fromJSON: ${what} must be an array of numbers`);
      return Float32Array.from(v as number[]);
    };
    data.records.forEach((r, i) => {
      const action = (a: { continuous: number[]; discrete: number[] } | undefined, name: string) => ({
        continuous: floats(a?.continuous, `records[${i}].${name}.continuous`), discrete: Int32Array.from(floats(a?.discrete, `records[${i}].${name}.discrete`)),
      });
      buffer.add({
        observation: floats(r?.observation, `records[${i}].observation`),
        aiAction: action(r?.aiAction, 'aiAction'), humanAction: action(r?.humanAction, 'humanAction'), weight: r?.weight, time: r?.time,
      });
    });
    return buffer;
  }
}

function checkRecord(record: FeedbackRecord): void {
  const isActions = (a: FeedbackRecord['aiAction']) => !!a && a.continuous instanceof Float32Array && a.discrete instanceof Int32Array;
  const valid = typeof record === 'object' && record !== null && record.observation instanceof Float32Array &&
    isActions(record.aiAction) && isActions(record.humanAction) && record.aiAction.continuous.length === record.humanAction.continuous.length &&
    record.aiAction.discrete.length === record.humanAction.discrete.length;
  if (!valid) throw new TypeError(`${OWNER}.add: record must be a FeedbackRecord { observation: Float32Array, aiAction, humanAction (same sizes), weight, time }`);
  requireNumber(`${OWNER}.add`, 'record.weight', record.weight, 0, Infinity, true);
  requireNumber(`${OWNER}.add`, 'record.time', record.time);
}

function shapeOf(r: FeedbackRecord): string {
  return `observation ${r.observation.length}, actions ${r.humanAction.continuous.length}+${r.humanAction.discrete.length}`;
}

function sameShape(a: FeedbackRecord, b: FeedbackRecord): boolean {
  return shapeOf(a) === shapeOf(b);
}
