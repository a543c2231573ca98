import { requireNumber, requireType } from '../collaborator/options.js';
import { TextEmbedding, type TextEmbeddingOptions } from './text-embedding.js';

/** Options of {@link IntentClassifier}. Every option is validated by the constructor. */
export interface IntentClassifierOptions extends TextEmbeddingOptions {
  /**
   * Lowest cosine similarity, in [-1, 1], for which the nearest intent is returned; below it the text is
   * {@link UNKNOWN_INTENT}. @default 0.2
   */
  threshold?: number;
}

/** The intent returned when no taught intent is near enough, and a name that cannot be taught. */
export const UNKNOWN_INTENT = 'unknown';

/** What {@link IntentClassifier.classify} returns. */
export interface IntentResult {
  /** The nearest intent, or {@link UNKNOWN_INTENT} when its score is below the threshold or nothing was taught. */
  intent: string;
  /** The nearest intent's cosine similarity clamped to [0, 1] (0 when nothing was taught). */
  confidence: number;
  /** Cosine similarity in [-1, 1] with each intent's centroid, by intent. */
  scores: Record<string, number>;
}

/** The serialised form of an {@link IntentClassifier} ({@link IntentClassifier.toJSON}). */
export interface IntentClassifierJSON {
  /** Format version: 1. */
  version: 1;
  /** The embedding's options and the threshold. */
  options: Required<IntentClassifierOptions>;
  /** Per intent, in teaching order: the sum of its example embeddings and their weight. */
  intents: { intent: string; sum: number[]; weight: number }[];
}

interface Centroid {
  sum: Float64Array;
  weight: number;
}

const OWNER = 'IntentClassifier';
/** Corrections stop after this many pull/push steps even if the text still scores another intent higher. */
const MAX_CORRECTION_STEPS = 32;

/**
 * Few-shot intent recognition: nearest centroid by cosine similarity on {@link TextEmbedding}s, taught with a
 * handful of phrasings per intent and online from the human's corrections. No model is downloaded.
 *
 * An intent's centroid is the sum of its examples' unit embeddings; scores are cosines with that sum's direction.
 * {@link correct} is LVQ-like: it adds the corrected text to its intent's centroid (pull) and halves the component
 * along the text of whichever other centroid still wins (push), step by step until the text classifies as the
 * corrected intent (at most 32 steps), so one correction fixes that phrase while moving other phrases little.
 */
export class IntentClassifier {
  /** The embedding shared by teaching and classifying. */
  readonly embedding: TextEmbedding;
  /** The unknown threshold (see {@link IntentClassifierOptions.threshold}). */
  readonly threshold: number;

  private readonly centroids = new Map<string, Centroid>();
  private readonly scratch: Float32Array;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: IntentClassifierOptions = {}) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    const { threshold, ...embedding } = options;
    this.threshold = requireNumber(OWNER, 'threshold', threshold ?? 0.2, -1, 1);
    this.embedding = new TextEmbedding(embedding);
    this.scratch = new Float32Array(this.embedding.dimensions);
  }

  /** The intents taught so far, in teaching order. */
  get intents(): string[] {
    return [...this.centroids.keys()];
  }

  /**
   * Adds `examples` (phrasings of `intent`) to its centroid, creating the intent on first use.
   * @throws TypeError when `intent` is empty or {@link UNKNOWN_INTENT}, or `examples` is not an array of strings.
   */
  teach(intent: string, examples: readonly string[]): this {
    const centroid = this.centroidOf(intent);
    requireType(OWNER, 'examples', examples, (v) => Array.isArray(v) && v.every((e) => typeof e === 'string'), 'an array of strings');
    for (const text of examples) this.pull(centroid, this.embedding.embed(text, this.scratch));
    return this;
  }

  /** Classifies `text`: the nearest intent by cosine similarity, or {@link UNKNOWN_INTENT} (see {@link IntentResult}). */
  classify(text: string): IntentResult {
    return this.score(this.embedding.embed(text, this.scratch));
  }

  /**
   * Teaches that `text` means `intent` (the human's correction) and returns the new classification of `text`.
   * The intent is created if it was never taught.
   * @throws TypeError when `intent` is empty or {@link UNKNOWN_INTENT}.
   */
  correct(text: string, intent: string): IntentResult {
    const centroid = this.centroidOf(intent);
    const e = this.embedding.embed(text, new Float32Array(this.embedding.dimensions));
    for (let step = 0; step < MAX_CORRECTION_STEPS; step++) {
      this.pull(centroid, e);
      let best = '';
      let bestScore = -Infinity;
      for (const [name, c] of this.centroids) {
        const s = cosine(c.sum, e);
        if (s > bestScore) [best, bestScore] = [name, s];
      }
      if (best === intent && bestScore >= this.threshold) break;
      if (best !== intent) push(this.centroids.get(best)!, e);
    }
    return this.score(e);
  }

  /** Forgets one intent (true if it existed), or every intent when called without one. */
  forget(intent?: string): boolean {
    if (intent === undefined) {
      const had = this.centroids.size > 0;
      this.centroids.clear();
      return had;
    }
    return this.centroids.delete(intent);
  }

  /** A JSON-safe snapshot: the options and every centroid. {@link IntentClassifier.fromJSON} restores it exactly. */
  toJSON(): IntentClassifierJSON {
    return {
      version: 1,
      options: { ...this.embedding.options, threshold: this.threshold },
      intents: [...this.centroids].map(([intent, c]) => ({ intent, sum: Array.from(c.sum), weight: c.weight })),
    };
  }

  /**
   * Rebuilds a classifier from {@link toJSON}'s output.
   * @throws TypeError or RangeError naming the field that is missing or wrong.
   */
  static fromJSON(json: IntentClassifierJSON): IntentClassifier {
    requireType(OWNER, 'json', json, (v) => typeof v === 'object' && v !== null && (v as IntentClassifierJSON).version === 1, 'an IntentClassifierJSON of version 1');
    const classifier = new IntentClassifier(json.options);
    const dims = classifier.embedding.dimensions;
    requireType(OWNER, 'json.intents', json.intents, Array.isArray, 'an array');
    json.intents.forEach((entry, i) => {
      requireType(OWNER, `json.intents[${i}]`, entry, (v) => {
        const e = v as IntentClassifierJSON['intents'][number];
        return !!e && Array.isArray(e.sum) && e.sum.length === dims && e.sum.every(Number.isFinite) && Number.isFinite(e.weight);
      }, `{ intent, sum: ${dims} finite numbers, weight }`);
      const centroid = classifier.centroidOf(entry.intent);
      centroid.sum.set(entry.sum);
      centroid.weight = entry.weight;
    });
    return classifier;
  }

  private centroidOf(intent: string): Centroid {
    requireType(OWNER, 'intent', intent, (v) => typeof v === 'string' && v !== '' && v !== UNKNOWN_INTENT, `a non-empty string other than '${UNKNOWN_INTENT}'`);
    let c = this.centroids.get(intent);
    if (!c) {
      c = { sum: new Float64Array(this.embedding.dimensions), weight: 0 };
      this.centroids.set(intent, c);
    }
    return c;
  }

  private pull(c: Centroid, e: Float32Array): void {
    for (let i = 0; i < e.length; i++) c.sum[i] += e[i];
    c.weight++;
  }

  private score(e: Float32Array): IntentResult {
    const scores: Record<string, number> = {};
    let intent = UNKNOWN_INTENT;
    let best = -Infinity;
    for (const [name, c] of this.centroids) {
      const s = cosine(c.sum, e);
      scores[name] = s;
      if (s > best) [intent, best] = [name, s];
    }
    if (best < this.threshold) intent = UNKNOWN_INTENT;
    return { intent, confidence: best === -Infinity ? 0 : Math.max(0, Math.min(1, best)), scores };
  }
}

/** Cosine of `sum` with the unit (or zero) vector `e`; 0 when either is zero. */
function cosine(sum: Float64Array, e: Float32Array): number {
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < e.length; i++) {
    dot += sum[i] * e[i];
    norm += sum[i] * sum[i];
  }
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}

/** Halves the component of `c.sum` along the unit vector `e`. */
function push(c: Centroid, e: Float32Array): void {
  let dot = 0;
  for (let i = 0; i < e.length; i++) dot += c.sum[i] * e[i];
  if (dot <= 0) return;
  for (let i = 0; i < e.length; i++) c.sum[i] -= 0.5 * dot * e[i];
}
