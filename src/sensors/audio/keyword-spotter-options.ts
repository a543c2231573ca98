import { describeValue, requireNumber, requireType } from '../../collaborator/options.js';
import { checkBackend, defaultAudioModelLoader, isAudioModelSource } from './model-loader.js';
import type { AudioBackend, AudioModelLoader, AudioModelSource } from './model-loader.js';

/** The three models of openWakeWord's pipeline. */
export interface KeywordModels {
  /** openWakeWord's `melspectrogram.onnx` (audio to 32-bin mel frames). */
  readonly melspectrogram: AudioModelSource;
  /** openWakeWord's `embedding_model.onnx` (76 mel frames to a 96-d embedding). */
  readonly embedding: AudioModelSource;
  /** A wake-word head such as `alexa_v0.1.onnx` (the last 16 embeddings, `[1, 16, 96]`, to a score in [0, 1]). */
  readonly head: AudioModelSource;
}

/** Options of {@link KeywordSpotter.create}. */
export interface KeywordSpotterOptions {
  /** The name reported in each event, e.g. `'alexa'` (a non-empty string). */
  readonly keyword: string;
  /** The models, each as bytes or a URL. */
  readonly models: KeywordModels;
  /** A detection fires when the head's score is above this, in (0, 1). @default 0.5 */
  readonly threshold?: number;
  /**
   * After a detection, further detections are suppressed for this long, in milliseconds of audio pushed
   * (not wall-clock time, so detections do not depend on how fast audio is pushed), >= 0. @default 2000
   */
  readonly cooldownMs?: number;
  /** The back end the models run on. @default 'onnxruntime' (wasm; see `DEFAULT_AUDIO_BACKEND` for why not `'cpu'`) */
  readonly backend?: AudioBackend;
  /** Loads each model; replace it to use another runtime or a cache. @default the runtime's `loadModel` */
  readonly loader?: AudioModelLoader;
}

/** {@link KeywordSpotterOptions} checked, with defaults applied. */
export interface ResolvedKeywordSpotterOptions {
  readonly keyword: string;
  readonly models: KeywordModels;
  readonly threshold: number;
  readonly cooldownMs: number;
  readonly backend: AudioBackend;
  readonly loader: AudioModelLoader;
}

const OWNER = 'KeywordSpotter';
const SOURCE = 'a Uint8Array, an ArrayBuffer, a URL or a URL string';

/**
 * Checks the options at once.
 * @throws TypeError or RangeError naming the option, what it must be and the value got
 */
export function resolveKeywordSpotterOptions(options: KeywordSpotterOptions): ResolvedKeywordSpotterOptions {
  requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
  const keyword = requireType<string>(OWNER, 'keyword', options.keyword, (v) => typeof v === 'string' && v !== '', 'a non-empty string');
  const models = requireType<KeywordModels>(OWNER, 'models', options.models, (v) => typeof v === 'object' && v !== null, '{ melspectrogram, embedding, head }');
  for (const key of ['melspectrogram', 'embedding', 'head'] as const) {
    requireType(OWNER, `models.${key}`, models[key], isAudioModelSource, SOURCE);
  }
  const threshold = requireNumber(OWNER, 'threshold', options.threshold ?? 0.5, 0, 1, true);
  if (threshold >= 1) throw new RangeError(`${OWNER}: option 'threshold' must be a finite number > 0 and < 1, got ${describeValue(threshold)}`);
  return {
    keyword,
    models: { melspectrogram: models.melspectrogram, embedding: models.embedding, head: models.head },
    threshold,
    cooldownMs: requireNumber(OWNER, 'cooldownMs', options.cooldownMs ?? 2000, 0),
    backend: checkBackend(OWNER, options.backend),
    loader: requireType<AudioModelLoader>(OWNER, 'loader', options.loader ?? defaultAudioModelLoader, (v) => typeof v === 'function', 'a function (source, { backend }) => Promise<Model>'),
  };
}
