import { requireInteger, requireType } from '../../collaborator/options.js';
import { isAudioSourceInput } from './audio-source.js';
import type { AudioSourceInput } from './audio-source.js';
import type { EnergyVadOptions } from './features.js';
import { checkBackend, defaultAudioModelLoader, isAudioModelSource } from './model-loader.js';
import type { AudioBackend, AudioModelLoader, AudioModelSource } from './model-loader.js';

/** The log-mel part of an {@link AudioSensor}'s observation. */
export interface AudioMelOptions {
  /** openWakeWord's `melspectrogram.onnx`, as bytes or a URL. */
  readonly model: AudioModelSource;
  /** Mel frames observed (10 ms each, 32 bins), the newest last; an integer >= 1. @default 16 */
  readonly frames?: number;
}

/** Options of {@link AudioSensor.create}. Give at most one of `source` and `microphone`; with neither, audio is pushed. */
export interface AudioSensorOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'audio' */
  readonly name?: string;
  /**
   * What to listen to in a browser: any Web Audio `AudioNode` (its output is tapped, what is heard is unchanged), an
   * `HTMLMediaElement` (routed through `context` and on to its speakers), or a Babylon.js sound (legacy `Sound`, or
   * an audio-engine-v2 `StaticSound`/`StreamingSound`). @default none: audio comes from {@link AudioSensor.push}
   */
  readonly source?: AudioSourceInput;
  /**
   * Listen to the microphone (getUserMedia; the browser asks the user). Never opened unless this is true.
   * @default false
   */
  readonly microphone?: boolean;
  /** The audio context for a media element or the microphone. @default a new AudioContext, closed on dispose */
  readonly context?: AudioContext;
  /** Adds log-mel frames to the observation. @default none: the observation is [rms, vad] */
  readonly mel?: AudioMelOptions;
  /** The back end the mel model runs on. @default 'onnxruntime' (wasm; see `DEFAULT_AUDIO_BACKEND` for why not `'cpu'`) */
  readonly backend?: AudioBackend;
  /** Loads the mel model. @default the runtime's `loadModel` */
  readonly loader?: AudioModelLoader;
  /** Tunes the energy-based voice activity detector. @default its documented defaults */
  readonly vad?: EnergyVadOptions;
}

/** {@link AudioSensorOptions} checked, with defaults applied. */
export interface ResolvedAudioSensorOptions {
  readonly name: string;
  readonly source?: AudioSourceInput;
  readonly microphone: boolean;
  readonly context?: AudioContext;
  readonly melModel?: AudioModelSource;
  readonly melFrames: number;
  readonly backend: AudioBackend;
  readonly loader: AudioModelLoader;
  readonly vad: EnergyVadOptions;
}

const OWNER = 'AudioSensor';

/**
 * Checks the options at once.
 * @throws TypeError or RangeError naming the option, what it must be and the value got
 */
export function resolveAudioSensorOptions(options: AudioSensorOptions): ResolvedAudioSensorOptions {
  requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
  const name = requireType<string>(OWNER, 'name', options.name ?? 'audio', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
  const microphone = requireType<boolean>(OWNER, 'microphone', options.microphone ?? false, (v) => typeof v === 'boolean', 'a boolean');
  if (options.source !== undefined) {
    requireType(OWNER, 'source', options.source, isAudioSourceInput, 'an AudioNode, an HTMLMediaElement or a Babylon.js sound');
    if (microphone) throw new TypeError(`${OWNER}: give either option 'source' or 'microphone: true', not both`);
  }
  if (options.context !== undefined) {
    requireType(OWNER, 'context', options.context, (v) => typeof AudioContext !== 'undefined' && v instanceof AudioContext, 'an AudioContext');
  }
  const mel = options.mel;
  if (mel !== undefined) {
    requireType(OWNER, 'mel', mel, (v) => typeof v === 'object' && v !== null, '{ model, frames? }');
    requireType(OWNER, 'mel.model', mel.model, isAudioModelSource, 'a Uint8Array, an ArrayBuffer, a URL or a URL string');
  }
  return {
    name,
    microphone,
    ...(options.source !== undefined && { source: options.source }),
    ...(options.context !== undefined && { context: options.context }),
    ...(mel !== undefined && { melModel: mel.model }),
    melFrames: mel === undefined ? 0 : requireInteger(OWNER, 'mel.frames', mel.frames ?? 16, 1),
    backend: checkBackend(OWNER, options.backend),
    loader: requireType<AudioModelLoader>(OWNER, 'loader', options.loader ?? defaultAudioModelLoader, (v) => typeof v === 'function', 'a function (source, { backend }) => Promise<Model>'),
    vad: requireType<EnergyVadOptions>(OWNER, 'vad', options.vad ?? {}, (v) => typeof v === 'object' && v !== null, 'an options object'),
  };
}
