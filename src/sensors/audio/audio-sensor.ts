import { Observable } from '@babylonjs/core/Misc/observable.js';
import { ObservationSpec } from '../../collaborator/observation-spec.js';
import { SpecMismatchError } from '../../collaborator/errors.js';
import { requireNumber } from '../../collaborator/options.js';
import type { Model } from '../../runtime/model.js';
import type { Sensor } from '../sensor.js';
import { openSource } from './audio-source.js';
import type { OpenedSource } from './audio-source.js';
import { resolveAudioSensorOptions } from './audio-sensor-options.js';
import type { AudioSensorOptions, ResolvedAudioSensorOptions } from './audio-sensor-options.js';
import { Chunker } from './chunker.js';
import { EnergyVad, rms } from './features.js';
import { CHUNK_SAMPLES, FRAMES_PER_CHUNK, MEL_BINS, MelFrontEnd, SAMPLE_RATE } from './mel-front-end.js';
import { loadAudioModel } from './model-loader.js';
import { Resampler } from './resampler.js';
import { WebAudioCapture } from './web-audio-capture.js';

const CHUNK_MS = (CHUNK_SAMPLES * 1000) / SAMPLE_RATE;

/**
 * Hears sound: a Web Audio node, a media element, a Babylon.js sound or the microphone (opt-in) in browsers, or PCM
 * pushed with {@link push} (Node, tests, any custom source). Audio is mixed to mono, resampled to 16 kHz
 * ({@link Resampler}: windowed-sinc, anti-aliased) and analysed in 80 ms chunks (1280 samples).
 *
 * Observation (`vector(2 + melFrames * 32)`, modality `'audio'`), from the last complete chunk:
 * - `[0]`: RMS of the chunk, in [0, 1] (full-scale sine: 0.707);
 * - `[1]`: voice activity, 0 or 1 ({@link EnergyVad}: level above a running noise floor, with a hangover);
 * - `[2, 2 + melFrames * 32)`: with `mel`, the last `melFrames` log-mel frames of openWakeWord's melspectrogram model
 *   (32 bins each, oldest frame first, values `v / 10 + 2` as openWakeWord feeds its embedding model, about [-2, 8]);
 *   before audio arrives the frames read 0.
 * Chunks are analysed in order, asynchronously when a mel model runs; {@link update} takes the latest finished state,
 * so the observation lags the sound by the chunk (80 ms) plus the model's run time.
 */
export class AudioSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** `vector(2 + melFrames * 32)`, modality `'audio'`. */
  readonly spec: ObservationSpec;
  /** Mel frames observed (0 without `mel`). */
  readonly melFrames: number;
  /** The rate everything after resampling runs at: 16000 Hz. */
  readonly sampleRate = SAMPLE_RATE;
  /** Fires with the resampled audio (mono, 16 kHz) as it arrives, e.g. to feed a KeywordSpotter. Cleared by dispose. */
  readonly onSamplesObservable = new Observable<Float32Array>();
  /** Fires with errors of captured audio's analysis (a pushed chunk's error rejects its push instead). Cleared by dispose. */
  readonly onErrorObservable = new Observable<unknown>();

  private readonly chunker = new Chunker(CHUNK_SAMPLES);
  private readonly vad: EnergyVad;
  private readonly mel: MelFrontEnd | null;
  private readonly latest: Float32Array;
  private readonly observation: Float32Array;
  private resampler: Resampler | null = null;
  private capture: WebAudioCapture | null = null;
  private opened: OpenedSource | null = null;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  private constructor(options: ResolvedAudioSensorOptions, private readonly melModel: Model | null) {
    this.name = options.name;
    this.melFrames = options.melFrames;
    this.spec = ObservationSpec.vector(2 + this.melFrames * MEL_BINS, 'audio');
    this.vad = new EnergyVad(options.vad);
    this.mel = melModel ? new MelFrontEnd(melModel) : null;
    this.latest = new Float32Array(this.spec.size);
    this.observation = new Float32Array(this.spec.size);
  }

  /**
   * Creates the sensor: loads the mel model when asked, then opens and taps the source when one is given.
   * @throws TypeError or RangeError (rejected, before anything loads) for a bad option, naming it
   * @throws ModelLoadError (rejected) when the mel model cannot be loaded
   * @throws the browser's error (rejected) when the microphone is refused or the capture cannot start
   */
  static async create(options: AudioSensorOptions = {}): Promise<AudioSensor> {
    const resolved = resolveAudioSensorOptions(options);
    const model = resolved.melModel === undefined ? null : await loadAudioModel(resolved.loader, resolved.melModel, resolved.backend);
    const sensor = new AudioSensor(resolved, model);
    if (resolved.source === undefined && !resolved.microphone) return sensor;
    try {
      sensor.opened = await openSource(resolved.source, resolved.microphone, resolved.context);
      sensor.capture = await WebAudioCapture.start(sensor.opened.node, (samples, rate) => {
        sensor.push(samples, rate).catch((error: unknown) => sensor.onErrorObservable.notifyObservers(error));
      });
    } catch (error) {
      sensor.dispose();
      throw error;
    }
    return sensor;
  }

  /**
   * Feeds mono PCM in [-1, 1] at `sampleRate` (any positive rate, any chunk size); it is resampled to 16 kHz. A change
   * of rate starts a new resampler (the filter's memory is dropped).
   * @returns resolves when every 80 ms chunk completed by `samples` has been analysed
   * @throws TypeError or RangeError (rejected) for a bad argument; DOMException `InvalidStateError` after dispose
   */
  push(samples: Float32Array, sampleRate: number): Promise<void> {
    if (this.disposed) return Promise.reject(new DOMException(`AudioSensor '${this.name}': push() after dispose()`, 'InvalidStateError'));
    try {
      if (!(samples instanceof Float32Array)) throw new TypeError(`AudioSensor.push: samples must be a Float32Array, got ${(samples as object)?.constructor?.name ?? typeof samples}`);
      requireNumber('AudioSensor.push', 'sampleRate', sampleRate, 0, Infinity, true);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.resampler?.inputRate !== sampleRate) this.resampler = new Resampler(sampleRate, SAMPLE_RATE);
    const resampled = this.resampler.push(samples);
    if (resampled.length) this.onSamplesObservable.notifyObservers(resampled);
    const chunks = this.chunker.push(resampled);
    const done = chunks.reduce((previous, chunk) => previous.then(() => this.analyse(chunk)), this.queue);
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Takes the latest analysed state as the observation. */
  update(): void {
    this.observation.set(this.latest);
  }

  /** Writes the observation of the last {@link update}: exactly `spec.size` floats. */
  write(out: Float32Array, offset: number): number {
    const n = this.observation.length;
    if (!Number.isInteger(offset) || offset < 0 || offset + n > out.length) {
      throw new SpecMismatchError(`AudioSensor '${this.name}': cannot write ${n} floats at offset ${offset} into a buffer of ${out.length}`);
    }
    out.set(this.observation, offset);
    return n;
  }

  /** Forgets the audio heard: zero observation, fresh resampler, chunker, VAD and mel history. Queued chunks still run. */
  reset(): void {
    this.resampler = null;
    this.chunker.reset();
    this.vad.reset();
    this.mel?.reset();
    this.latest.fill(0);
    this.observation.fill(0);
  }

  /**
   * Stops the capture (worklet or processor disconnected, microphone tracks stopped, an owned context closed),
   * disposes the mel model once queued chunks are done, and clears the observables. Calling it twice is harmless.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.capture?.stop();
    this.opened?.close();
    this.capture = null;
    this.opened = null;
    this.onSamplesObservable.clear();
    this.onErrorObservable.clear();
    const model = this.melModel;
    if (model) void this.queue.then(() => model.dispose());
  }

  private async analyse(chunk: Float32Array): Promise<void> {
    if (this.disposed) return;
    const level = rms(chunk);
    const voiced = this.vad.next(level, CHUNK_MS);
    const frames = this.mel ? await this.mel.process(chunk) : null;
    if (this.disposed) return;
    this.latest[0] = Math.min(1, level);
    this.latest[1] = voiced;
    if (frames) {
      const keep = Math.min(this.melFrames, FRAMES_PER_CHUNK) * MEL_BINS;
      this.latest.copyWithin(2, 2 + keep);
      this.latest.set(frames.subarray(frames.length - keep), this.latest.length - keep);
    }
  }
}
