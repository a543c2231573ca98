import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { InputText } from '@babylonjs/gui/2D/controls/inputText.js';
import { ObservationSpec } from '../collaborator/observation-spec.js';
import { requireNumber, requireType } from '../collaborator/options.js';
import { TextEmbedding, type TextEmbeddingOptions } from '../fusion/text-embedding.js';
import type { Sensor } from './sensor.js';
import { checkWriteRange } from './write-range.js';

/** When a connected InputText hands its text to the sensor. */
export type TextSubmitMode = 'enter' | 'blur' | 'change';

/** Options of {@link TextSensor}. Every option is validated by the constructor. */
export interface TextSensorOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'text' */
  name?: string;
  /** The embedding (shared with an IntentClassifier, say) or the options of a new one. @default new TextEmbedding({ dimensions: 64 }) */
  embedding?: TextEmbedding | TextEmbeddingOptions;
  /** Seconds after which a message's age reads 1 (its age is divided by it and clamped). @default 30 */
  maxAge?: number;
  /** The clock, in milliseconds; inject one for tests and replays. @default performance.now */
  clock?: () => number;
}

/** Options of {@link TextSensor.connect}. */
export interface TextConnectOptions {
  /**
   * `'enter'`: the Enter key submits (the default); `'blur'`: leaving the field submits; `'change'`: every edit
   * submits (live typing). @default 'enter'
   */
  submitOn?: TextSubmitMode;
  /** Empties the field after each submission (not with `'change'`). @default true */
  clear?: boolean;
}

/** Notified on {@link TextSensor.onMessageObservable}. */
export interface TextMessage {
  /** The text as received. */
  readonly text: string;
  /** The text as embedded ({@link TextEmbedding.normalize}). */
  readonly normalized: string;
  /** The clock's time of arrival, in milliseconds. */
  readonly timeMs: number;
}

const OWNER = 'TextSensor';
const SUBMIT_MODES: readonly TextSubmitMode[] = ['enter', 'blur', 'change'];

/**
 * Perceives what the human writes: messages pushed from code ({@link push}) or typed in a @babylonjs/gui
 * `InputText` ({@link connect}). The GUI package is only referenced as a type: the core bundle never imports it.
 *
 * Observation (`vector(dimensions + 2)`, modality `'text'`), from the latest message:
 * - `[0, dimensions)`: its {@link TextEmbedding} (a unit vector; zeros before any message or after {@link reset});
 * - `[dimensions]` *fresh*: 1 on the first {@link update} after a message arrived, 0 afterwards (so a policy reacts
 *   once to each message even when two are identical);
 * - `[dimensions + 1]` *age*: seconds since it arrived (at the last update) / `maxAge`, clamped to [0, 1]; 1 when
 *   there is no message.
 * Several messages between two decisions: the latest wins, and it is fresh.
 */
export class TextSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** `vector(dimensions + 2)`, modality `'text'`. */
  readonly spec: ObservationSpec;
  /** The embedding of messages. */
  readonly embedding: TextEmbedding;
  /** Notified with each message, before it is observed. Cleared by {@link dispose}. */
  readonly onMessageObservable = new Observable<TextMessage>();

  private readonly maxAgeMs: number;
  private readonly clock: () => number;
  private readonly observation: Float32Array;
  private readonly connections: { input: InputText; observers: ({ remove(): void } | null)[] }[] = [];
  private latest: TextMessage | null = null;
  private unread = false;
  private disposed = false;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: TextSensorOptions = {}) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'text', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    const embedding = options.embedding ?? { dimensions: 64 };
    requireType(OWNER, 'embedding', embedding, (v) => typeof v === 'object' && v !== null, 'a TextEmbedding or its options');
    this.embedding = embedding instanceof TextEmbedding ? embedding : new TextEmbedding(embedding);
    this.maxAgeMs = requireNumber(OWNER, 'maxAge', options.maxAge ?? 30, 0, Infinity, true) * 1000;
    this.clock = requireType(OWNER, 'clock', options.clock ?? (() => performance.now()), (v) => typeof v === 'function', 'a function returning milliseconds');
    this.spec = ObservationSpec.vector(this.embedding.dimensions + 2, 'text');
    this.observation = new Float32Array(this.spec.size);
    this.reset();
  }

  /** The latest message, or null before the first one or after {@link reset}. */
  get lastMessage(): TextMessage | null {
    return this.latest;
  }

  /**
   * Receives a message now: it becomes the latest and is notified on {@link onMessageObservable}. Empty or
   * blank text is ignored. Throws an `InvalidStateError` DOMException once disposed.
   */
  push(text: string): void {
    if (this.disposed) throw new DOMException(`${OWNER} '${this.name}': push() after dispose()`, 'InvalidStateError');
    requireType(OWNER, 'text', text, (v) => typeof v === 'string', 'a string');
    const normalized = this.embedding.normalize(text);
    if (normalized === '') return;
    this.latest = { text, normalized, timeMs: this.clock() };
    this.embedding.embed(text, this.observation);
    this.unread = true;
    this.onMessageObservable.notifyObservers(this.latest);
  }

  /**
   * Receives what the human types in `input` (see {@link TextConnectOptions}) until {@link disconnect} or
   * {@link dispose}. Connecting the same input twice does nothing.
   */
  connect(input: InputText, options: TextConnectOptions = {}): void {
    if (this.disposed) throw new DOMException(`${OWNER} '${this.name}': connect() after dispose()`, 'InvalidStateError');
    requireType(OWNER, 'input', input, (v) => !!v && typeof v === 'object' && 'onTextChangedObservable' in v, 'an InputText');
    const submitOn = requireType<TextSubmitMode>(OWNER, 'submitOn', options.submitOn ?? 'enter', (v) => SUBMIT_MODES.includes(v as TextSubmitMode), "'enter', 'blur' or 'change'");
    const clear = requireType<boolean>(OWNER, 'clear', options.clear ?? true, (v) => typeof v === 'boolean', 'a boolean') && submitOn !== 'change';
    if (this.connections.some((c) => c.input === input)) return;
    const submit = (): void => {
      const text = input.text;
      if (clear) input.text = '';
      this.push(text);
    };
    const observers: ({ remove(): void } | null)[] = [];
    if (submitOn === 'change') observers.push(input.onTextChangedObservable.add(submit));
    if (submitOn === 'blur') observers.push(input.onBlurObservable.add(submit));
    if (submitOn === 'enter') {
      observers.push(input.onKeyboardEventProcessedObservable.add((evt) => {
        if (evt.key === 'Enter' || evt.keyCode === 13) submit();
      }));
    }
    this.connections.push({ input, observers });
  }

  /** Stops receiving from `input` (every connected input when omitted) and removes the observers it added. */
  disconnect(input?: InputText): void {
    for (let i = this.connections.length - 1; i >= 0; i--) {
      const c = this.connections[i];
      if (input && c.input !== input) continue;
      for (const o of c.observers) o?.remove();
      this.connections.splice(i, 1);
    }
  }

  /** Computes the fresh flag and the age of the latest message (see the class notes). */
  update(): void {
    const d = this.embedding.dimensions;
    this.observation[d] = this.unread ? 1 : 0;
    this.unread = false;
    this.observation[d + 1] = this.latest ? Math.max(0, Math.min(1, (this.clock() - this.latest.timeMs) / this.maxAgeMs)) : 1;
  }

  /** Writes the last {@link update}'s observation; returns `spec.size`. */
  write(out: Float32Array, offset: number): number {
    checkWriteRange(OWNER, this.name, this.observation.length, out, offset);
    out.set(this.observation, offset);
    return this.observation.length;
  }

  /** Forgets the latest message: zeros, not fresh, age 1. Connections stay. */
  reset(): void {
    this.latest = null;
    this.unread = false;
    this.observation.fill(0);
    this.observation[this.embedding.dimensions + 1] = 1;
  }

  /** Disconnects every input and clears {@link onMessageObservable}. Calling it twice is harmless. */
  dispose(): void {
    this.disconnect();
    this.onMessageObservable.clear();
    this.disposed = true;
  }
}
