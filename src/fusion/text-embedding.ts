import { requireInteger, requireType } from '../collaborator/options.js';

/** Options of {@link TextEmbedding}. Every option is validated by the constructor. */
export interface TextEmbeddingOptions {
  /** Length of the embedding: the number of hash buckets, an integer >= 8. @default 256 */
  dimensions?: number;
  /** Shortest character n-gram, an integer in [1, 8]. @default 2 */
  minN?: number;
  /** Longest character n-gram, an integer in [minN, 8]. @default 4 */
  maxN?: number;
  /** Also hash each whole word (with its boundaries) as one feature. @default true */
  words?: boolean;
  /** Lower-cases the text (after NFKC). @default true */
  lowerCase?: boolean;
  /** Replaces punctuation and symbols (Unicode categories P and S) by spaces. @default true */
  stripPunctuation?: boolean;
}

/** The options as resolved by {@link TextEmbedding}: every field present. */
export type ResolvedTextEmbeddingOptions = Required<TextEmbeddingOptions>;

const OWNER = 'TextEmbedding';
const BEGIN = 0x3c; // '<' marks the start of a word
const END = 0x3e; // '>' marks its end
const WORD_SEED = 0x9747b28c;
const PUNCTUATION = /[\p{P}\p{S}]+/gu;
const SPACES = /\s+/gu;

/** MurmurHash3's 32-bit finaliser: spreads FNV-1a's bits so that the low bits and the sign bit are both usable. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a step over one UTF-16 code unit. */
function fnv(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193) >>> 0;
}

/**
 * A fixed-size text embedding without a downloaded model: hashed character n-grams (the "hashing trick" of
 * fastText's subword features and Vowpal Wabbit).
 *
 * 1. {@link normalize}: Unicode NFKC, lower case, punctuation and symbols to spaces, whitespace collapsed and trimmed
 *    (each step per the options).
 * 2. {@link tokenize}: the normalised text split on spaces.
 * 3. {@link embed}: each word is framed as `<word>`; every character n-gram of the framed word with
 *    `minN <= n <= maxN` but the lone `<` and `>` (and the whole framed word when `words` is on) is hashed with FNV-1a over its UTF-16 code
 *    units then MurmurHash3's finaliser `h`; it adds `±1` to bucket `(h >>> 1) % dimensions`, the sign being `h & 1`
 *    (1 → +1) so that collisions cancel out on average. The vector is then L2-normalised (all zeros for a text
 *    without words).
 *
 * The same text gives the same vector on every machine and run: embeddings can be stored and compared later.
 */
export class TextEmbedding {
  /** Length of each embedding. */
  readonly dimensions: number;
  /** The resolved options (serialisable; pass them back to the constructor to rebuild the same embedding). */
  readonly options: Readonly<ResolvedTextEmbeddingOptions>;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: TextEmbeddingOptions = {}) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    const dimensions = requireInteger(OWNER, 'dimensions', options.dimensions ?? 256, 8, 1 << 20);
    const minN = requireInteger(OWNER, 'minN', options.minN ?? 2, 1, 8);
    const maxN = requireInteger(OWNER, 'maxN', options.maxN ?? 4, minN, 8);
    const flag = (key: 'words' | 'lowerCase' | 'stripPunctuation'): boolean =>
      requireType<boolean>(OWNER, key, options[key] ?? true, (v) => typeof v === 'boolean', 'a boolean');
    this.dimensions = dimensions;
    this.options = Object.freeze({ dimensions, minN, maxN, words: flag('words'), lowerCase: flag('lowerCase'), stripPunctuation: flag('stripPunctuation') });
  }

  /** The text as embedded: NFKC, lower case, no punctuation, single spaces, trimmed (each per the options). */
  normalize(text: string): string {
    let s = String(text).normalize('NFKC');
    if (this.options.lowerCase) s = s.toLowerCase();
    if (this.options.stripPunctuation) s = s.replace(PUNCTUATION, ' ');
    return s.replace(SPACES, ' ').trim();
  }

  /** The words of the normalised text. */
  tokenize(text: string): string[] {
    const s = this.normalize(text);
    return s === '' ? [] : s.split(' ');
  }

  /**
   * Embeds `text` into `out` (a new array by default; one of at least {@link dimensions} floats otherwise, whose
   * first `dimensions` values are overwritten) and returns it: a unit vector, or zeros when the text has no words.
   */
  embed(text: string, out: Float32Array = new Float32Array(this.dimensions)): Float32Array {
    if (!(out instanceof Float32Array) || out.length < this.dimensions) {
      throw new RangeError(`${OWNER}: embed() needs a Float32Array of at least ${this.dimensions} floats, got ${out instanceof Float32Array ? out.length : typeof out}`);
    }
    out.fill(0, 0, this.dimensions);
    const s = this.normalize(text);
    let start = 0;
    for (let i = 0; i <= s.length; i++) {
      if (i === s.length || s.charCodeAt(i) === 0x20) {
        if (i > start) this.addWord(s, start, i, out);
        start = i + 1;
      }
    }
    let norm = 0;
    for (let i = 0; i < this.dimensions; i++) norm += out[i] * out[i];
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let i = 0; i < this.dimensions; i++) out[i] *= scale;
    }
    return out;
  }

  /** Adds the features of the word `s[from, to)`, framed as `<word>`. */
  private addWord(s: string, from: number, to: number, out: Float32Array): void {
    const { minN, maxN, words } = this.options;
    const framed = to - from + 2;
    const codeAt = (k: number): number => (k === 0 ? BEGIN : k === framed - 1 ? END : s.charCodeAt(from + k - 1));
    for (let first = 0; first < framed; first++) {
      let h = 0x811c9dc5;
      for (let n = 1; n <= maxN && first + n <= framed; n++) {
        h = fnv(h, codeAt(first + n - 1));
        if (n >= minN && !(n === 1 && (first === 0 || first === framed - 1))) this.add(mix(h), out);
      }
    }
    if (words) {
      let h = WORD_SEED;
      for (let k = 0; k < framed; k++) h = fnv(h, codeAt(k));
      this.add(mix(h), out);
    }
  }

  private add(h: number, out: Float32Array): void {
    out[(h >>> 1) % this.dimensions] += h & 1 ? 1 : -1;
  }
}
