import type { Model } from '../../runtime/model.js';
import { Tensor } from '../../runtime/tensor.js';
import { MEL_BINS, SAMPLE_RATE } from './mel-front-end.js';

/** Mel frames the embedding model reads at once (775 ms). */
export const WINDOW_FRAMES = 76;
/** Size of one embedding. */
export const EMBEDDING_SIZE = 96;
/** Frames between consecutive embedding windows (one 80 ms chunk). */
const STRIDE_FRAMES = 8;
/** Amplitude of the start-up noise: openWakeWord draws int16 values in [-1000, 1000]. */
const NOISE_AMPLITUDE = 1000;

/** A seeded uniform generator in [0, 1) (mulberry32), so that start-up state is the same on every run. */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The embeddings openWakeWord's feature buffer starts with: those of low-level noise (int16 values uniform in
 * [-1000, 1000]), so that the head's first windows read "background" rather than zeros (which the heads were
 * never trained on and can score high). openWakeWord draws the noise at random; here it is seeded.
 * @returns `count` embeddings of {@link EMBEDDING_SIZE}, oldest first, from the same models the spotter runs
 */
export async function startUpEmbeddings(mel: Model, embedding: Model, count: number): Promise<Float32Array> {
  const frames = WINDOW_FRAMES + (count - 1) * STRIDE_FRAMES;
  const samples = new Float32Array((frames + 3) * (SAMPLE_RATE / 100)); // the model yields samples / 160 - 3 frames
  const random = uniform(0x0a1e4a);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round((random() * 2 - 1) * NOISE_AMPLITUDE);
  const melOut = (await mel.run({ [mel.inputs[0]!.name]: new Tensor('float32', samples, [1, samples.length]) }))[mel.outputs[0]!.name]!;
  const spec = melOut.data as Float32Array;
  const got = spec.length / MEL_BINS;
  const batch = new Float32Array(count * WINDOW_FRAMES * MEL_BINS);
  for (let w = 0; w < count; w++) {
    const start = (got - frames + w * STRIDE_FRAMES) * MEL_BINS;
    for (let i = 0; i < WINDOW_FRAMES * MEL_BINS; i++) batch[w * WINDOW_FRAMES * MEL_BINS + i] = spec[start + i]! / 10 + 2;
  }
  const out = await embedding.run({ [embedding.inputs[0]!.name]: new Tensor('float32', batch, [count, WINDOW_FRAMES, MEL_BINS, 1]) });
  return (out[embedding.outputs[0]!.name]!.data as Float32Array).slice(0, count * EMBEDDING_SIZE);
}
