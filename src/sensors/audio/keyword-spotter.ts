import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { Model } from '../../runtime/model.js';
import { Tensor } from '../../runtime/tensor.js';
import { Chunker } from './chunker.js';
import { CHUNK_SAMPLES, FRAMES_PER_CHUNK, MEL_BINS, MelFrontEnd, SAMPLE_RATE } from './mel-front-end.js';
import { loadAudioModel } from './model-loader.js';
import { EMBEDDING_SIZE, startUpEmbeddings, WINDOW_FRAMES } from './start-up-embeddings.js';
import { resolveKeywordSpotterOptions } from './keyword-spotter-options.js';
import type { KeywordSpotterOptions, ResolvedKeywordSpotterOptions } from './keyword-spotter-options.js';

/** What {@link KeywordSpotter.onKeywordObservable} and {@link KeywordSpotter.onScoreObservable} report. */
export interface KeywordEvent {
  /** The spotter's keyword. */
  readonly keyword: string;
  /** The head's score in [0, 1]. */
  readonly score: number;
  /** Where in the audio pushed so far the scored chunk ends, in seconds. */
  readonly timeSeconds: number;
}

/** Embeddings the head reads when its model does not say. */
const DEFAULT_HEAD_WINDOW = 16;
/** openWakeWord reports 0 for the first predictions, while its buffers still hold start-up values. */
const WARM_UP_PREDICTIONS = 5;

/**
 * Spots one wake word in 16 kHz mono audio with openWakeWord's models, run on this package's runtime.
 *
 * The pipeline is openWakeWord's streaming one (`AudioFeatures._streaming_features`, `Model.predict`): audio is
 * cut into 1280-sample chunks (80 ms); each chunk gives 8 mel frames of 32 bins (see {@link MelFrontEnd}); the
 * last 76 frames (a window that slides by 8 frames, one chunk) go through the embedding model to one 96-d
 * embedding; the head reads the last 16 embeddings and scores them. Start-up state is openWakeWord's: the mel
 * window starts filled with ones, the embeddings with those of low-level noise (see {@link startUpEmbeddings}),
 * and the first 5 scores are reported as 0.
 * The result does not depend on how the audio is split into pushes.
 *
 * A detection fires on {@link onKeywordObservable} when a score is above the threshold and no detection fired
 * within the cooldown (audio time). Every score is also reported on {@link onScoreObservable}.
 */
export class KeywordSpotter {
  /** The keyword reported in events. */
  readonly keyword: string;
  /** Scores above this fire a detection. */
  readonly threshold: number;
  /** Detections are at least this far apart, in milliseconds of audio. */
  readonly cooldownMs: number;
  /** Embeddings the head reads (its input's second dimension). */
  readonly headWindow: number;
  /** Fires on each detection. Cleared by {@link dispose}. */
  readonly onKeywordObservable = new Observable<KeywordEvent>();
  /** Fires with every score (one per 80 ms chunk). Cleared by {@link dispose}. */
  readonly onScoreObservable = new Observable<KeywordEvent>();

  private readonly chunker = new Chunker(CHUNK_SAMPLES);
  private readonly mel: MelFrontEnd;
  private readonly melWindow = new Float32Array(WINDOW_FRAMES * MEL_BINS);
  private readonly embeddings: Float32Array;
  private readonly initialEmbeddings: Float32Array;
  private chunks = 0;
  private lastDetectionChunk = -Infinity;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  private constructor(
    options: ResolvedKeywordSpotterOptions,
    private readonly melModel: Model,
    private readonly embeddingModel: Model,
    private readonly headModel: Model,
    initialEmbeddings: Float32Array,
  ) {
    this.keyword = options.keyword;
    this.threshold = options.threshold;
    this.cooldownMs = options.cooldownMs;
    this.headWindow = initialEmbeddings.length / EMBEDDING_SIZE;
    this.initialEmbeddings = initialEmbeddings;
    this.embeddings = new Float32Array(initialEmbeddings.length);
    this.mel = new MelFrontEnd(melModel);
    this.reset();
  }

  /**
   * Loads the three models and returns a spotter ready for {@link push}.
   * @throws TypeError or RangeError (rejected, before anything loads) for a bad option, naming it
   * @throws ModelLoadError (rejected) when a model cannot be fetched or loaded; the models already loaded are disposed
   */
  static async create(options: KeywordSpotterOptions): Promise<KeywordSpotter> {
    const resolved = resolveKeywordSpotterOptions(options);
    const { models, loader, backend } = resolved;
    const loaded = await Promise.allSettled([models.melspectrogram, models.embedding, models.head].map((s) => loadAudioModel(loader, s, backend)));
    const failed = loaded.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    const ready = loaded.filter((r): r is PromiseFulfilledResult<Model> => r.status === 'fulfilled').map((r) => r.value);
    try {
      if (failed) throw failed.reason;
      const [mel, embedding, head] = ready as [Model, Model, Model];
      const window = head.inputs[0]?.dims[1];
      const count = typeof window === 'number' && window > 0 ? window : DEFAULT_HEAD_WINDOW;
      return new KeywordSpotter(resolved, mel, embedding, head, await startUpEmbeddings(mel, embedding, count));
    } catch (error) {
      ready.forEach((m) => m.dispose());
      throw error;
    }
  }

  /**
   * Feeds audio: mono, 16 kHz, in [-1, 1], in pieces of any size. Each completed 80 ms chunk is scored, in order,
   * after the chunks of earlier pushes.
   * @returns resolves when every chunk completed by `samples` has been scored and its events fired
   * @throws TypeError (rejected) unless `samples` is a Float32Array
   * @throws DOMException `InvalidStateError` (rejected) after {@link dispose}
   */
  push(samples: Float32Array): Promise<void> {
    if (this.disposed) return Promise.reject(new DOMException('KeywordSpotter: push() after dispose()', 'InvalidStateError'));
    if (!(samples instanceof Float32Array)) {
      return Promise.reject(new TypeError(`KeywordSpotter.push: samples must be a Float32Array, got ${(samples as object)?.constructor?.name ?? typeof samples}`));
    }
    const chunks = this.chunker.push(samples);
    const done = chunks.reduce((previous, chunk) => previous.then(() => this.score(chunk)), this.queue);
    this.queue = done.catch(() => undefined); // a failed run must not stop later pushes
    return done;
  }

  /** Forgets the audio heard so far (buffers back to their start-up state). Chunks already queued still run. */
  reset(): void {
    this.chunker.reset();
    this.mel.reset();
    this.melWindow.fill(1);
    this.embeddings.set(this.initialEmbeddings);
    this.chunks = 0;
    this.lastDetectionChunk = -Infinity;
  }

  /** Disposes the models and clears the observables; queued chunks are dropped. Calling it twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onKeywordObservable.clear();
    this.onScoreObservable.clear();
    void this.queue.then(() => [this.melModel, this.embeddingModel, this.headModel].forEach((m) => m.dispose()));
  }

  private async score(chunk: Float32Array): Promise<void> {
    if (this.disposed) return;
    const frames = await this.mel.process(chunk);
    this.melWindow.copyWithin(0, FRAMES_PER_CHUNK * MEL_BINS);
    this.melWindow.set(frames, (WINDOW_FRAMES - FRAMES_PER_CHUNK) * MEL_BINS);
    const embedding = await this.runFirst(this.embeddingModel, new Tensor('float32', this.melWindow.slice(), [1, WINDOW_FRAMES, MEL_BINS, 1]));
    this.embeddings.copyWithin(0, EMBEDDING_SIZE);
    this.embeddings.set(embedding.subarray(0, EMBEDDING_SIZE), (this.headWindow - 1) * EMBEDDING_SIZE);
    const raw = (await this.runFirst(this.headModel, new Tensor('float32', this.embeddings.slice(), [1, this.headWindow, EMBEDDING_SIZE])))[0]!;
    if (this.disposed) return;
    const chunkIndex = this.chunks++;
    const score = chunkIndex < WARM_UP_PREDICTIONS ? 0 : raw;
    const event: KeywordEvent = { keyword: this.keyword, score, timeSeconds: ((chunkIndex + 1) * CHUNK_SAMPLES) / SAMPLE_RATE };
    this.onScoreObservable.notifyObservers(event);
    const cooled = ((chunkIndex - this.lastDetectionChunk) * CHUNK_SAMPLES * 1000) / SAMPLE_RATE >= this.cooldownMs;
    if (score > this.threshold && cooled) {
      this.lastDetectionChunk = chunkIndex;
      this.onKeywordObservable.notifyObservers(event);
    }
  }

  private async runFirst(model: Model, input: Tensor): Promise<Float32Array> {
    const outputs = await model.run({ [model.inputs[0]!.name]: input });
    return outputs[model.outputs[0]!.name]!.data as Float32Array;
  }
}
