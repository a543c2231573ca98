import { describeValue } from '../../collaborator/options.js';
import { loadModel } from '../../runtime/load-model.js';
import type { BackendName, Model } from '../../runtime/model.js';

/** Where an audio model comes from: its bytes, or a URL (a `URL` or a string) fetched with `fetch`. */
export type AudioModelSource = Uint8Array | ArrayBuffer | URL | string;

/** The back ends an audio model can be asked to run on; `'auto'` lets the loader choose. */
export type AudioBackend = BackendName | 'auto';

/**
 * Loads one model for the audio pipeline. The default loader is the runtime's `loadModel`; inject another to use
 * a cache or a runtime of your own.
 */
export type AudioModelLoader = (source: Uint8Array | ArrayBuffer | string, options: { readonly backend: AudioBackend }) => Promise<Model>;

const BACKENDS: readonly string[] = ['auto', 'cpu', 'webgpu', 'onnxruntime'];

/**
 * The back end audio models run on unless told otherwise: onnxruntime-web (wasm). The runtime's CPU kernels run
 * openWakeWord's models correctly too, but slower than real time on a small CPU (about 80 ms for the
 * melspectrogram and 160 ms for the embedding per 80 ms chunk, against a few ms on wasm); `'auto'` measures at load.
 */
export const DEFAULT_AUDIO_BACKEND: AudioBackend = 'onnxruntime';

/** Checks a `backend` option; returns it or {@link DEFAULT_AUDIO_BACKEND} when undefined. */
export function checkBackend(owner: string, value: unknown): AudioBackend {
  if (value === undefined) return DEFAULT_AUDIO_BACKEND;
  if (typeof value !== 'string' || !BACKENDS.includes(value)) {
    throw new TypeError(`${owner}: option 'backend' must be one of 'auto', 'cpu', 'webgpu', 'onnxruntime', got ${describeValue(value)}`);
  }
  return value as AudioBackend;
}

/** True when `value` is an accepted {@link AudioModelSource}. */
export function isAudioModelSource(value: unknown): value is AudioModelSource {
  return value instanceof Uint8Array || value instanceof ArrayBuffer || value instanceof URL || (typeof value === 'string' && value !== '');
}

/** The default {@link AudioModelLoader}: the runtime's `loadModel` on the asked back end. */
export const defaultAudioModelLoader: AudioModelLoader = (source, { backend }) => loadModel(source, { backend });

/** Loads `source` with `loader`, turning a `URL` object into its string form first. */
export function loadAudioModel(loader: AudioModelLoader, source: AudioModelSource, backend: AudioBackend): Promise<Model> {
  return loader(source instanceof URL ? source.href : source, { backend });
}
