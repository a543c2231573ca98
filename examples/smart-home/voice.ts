/**
 * The home assistant's ears: WAV clips are played through Web Audio into an AudioSensor; its 16 kHz samples are
 * fed to an openWakeWord KeywordSpotter ('alexa') in high-priority scheduler tasks, which run the models on
 * onnxruntime-web (wasm) asynchronously.
 */
import { AudioSensor, KeywordSpotter, type FrameScheduler } from 'babylon-collaborator';
import { createOnnxRuntimeModel } from 'babylon-collaborator/onnxruntime';

/** Where the example build puts files it takes from node_modules (see scripts/build-examples.ts). */
const VENDOR = new URL('../vendor/', location.href);
const model = (file: string): URL => new URL(`openwakeword/${file}`, VENDOR);
const wasm = new URL('onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm', VENDOR).href;

export class Voice {
  private context: AudioContext | null = null;
  private input: GainNode | null = null;
  private opened: Promise<AudioSensor> | null = null;
  private pending: Float32Array[] = [];
  private queued = false;

  private constructor(private readonly spotter: KeywordSpotter, private readonly scheduler: FrameScheduler) {}

  /** Loads the spotter's three models. */
  static async create(scheduler: FrameScheduler): Promise<Voice> {
    const spotter = await KeywordSpotter.create({
      keyword: 'alexa',
      models: { melspectrogram: model('melspectrogram.onnx'), embedding: model('embedding_model.onnx'), head: model('alexa_v0.1.onnx') },
      // Below openWakeWord's usual 0.5: played through Web Audio (resampled twice) 'alexa' scores about 0.5-0.6 here,
      // speech without the wake word under 0.01 and noise under 0.1.
      threshold: 0.3,
      loader: (source) => createOnnxRuntimeModel(source, { wasmPaths: { wasm } }),
    });
    return new Voice(spotter, scheduler);
  }

  /** Fires on each detection of the wake word. */
  get onKeywordObservable(): KeywordSpotter['onKeywordObservable'] {
    return this.spotter.onKeywordObservable;
  }

  /** Plays the WAV at `url` aloud and into the sensor; resolves when it has played. Call it from a user gesture. */
  async say(url: string): Promise<void> {
    const context = (this.context ??= new AudioContext());
    await context.resume();
    await (this.opened ??= this.open(context));
    const buffer = await context.decodeAudioData(await (await fetch(url)).arrayBuffer());
    const clip = new AudioBufferSourceNode(context, { buffer });
    clip.connect(this.input!);
    const ended = new Promise((resolve) => (clip.onended = resolve));
    clip.start();
    await ended;
  }

  /** The sensor listens to everything said; its samples are handed to the spotter once per frame. */
  private async open(context: AudioContext): Promise<AudioSensor> {
    this.input = new GainNode(context);
    this.input.connect(context.destination);
    const sensor = await AudioSensor.create({ source: this.input });
    sensor.onSamplesObservable.add((samples) => {
      this.pending.push(samples);
      if (this.queued) return;
      this.queued = true;
      this.scheduler.schedule(() => this.spot(), { name: 'voice.keyword', priority: 'high' });
    });
    return sensor;
  }

  private spot(): Promise<void> {
    this.queued = false;
    const all = new Float32Array(this.pending.reduce((n, s) => n + s.length, 0));
    let at = 0;
    for (const samples of this.pending.splice(0)) {
      all.set(samples, at);
      at += samples.length;
    }
    return this.spotter.push(all);
  }
}
