import type { DataType } from '../../tensor.js';
import type { GpuKernel, RunData } from '../kernel.js';
import { f32Bits, UNIFORM_WORDS } from '../kernel.js';
import { ACTIVATION_WORDS } from '../wgsl.js';
import type { ActivationKind, Element } from '../wgsl.js';

/** An activation fused into a producer node, with its parameters. */
export interface Activation {
  readonly kind: ActivationKind;
  /** LeakyRelu's alpha, or Clip's min. */
  readonly alpha: number;
  /** Clip's max. */
  readonly beta: number;
}

/** No activation. */
export const NO_ACTIVATION: Activation = { kind: 'none', alpha: 0, beta: 0 };

/** The element type `dtype` is stored as on the GPU. */
export function elementOf(dtype: DataType): Element {
  return dtype === 'float32' ? 'f32' : 'i32';
}

/** The uniform words: `words` from word 0, the activation's parameters in their reserved words. */
export function uniforms(words: readonly number[], act: Activation = NO_ACTIVATION): number[] {
  if (words.length > ACTIVATION_WORDS[0]) throw new RangeError(`a kernel's uniforms hold at most ${ACTIVATION_WORDS[0]} words, got ${words.length}`);
  const out = new Array<number>(UNIFORM_WORDS).fill(0);
  words.forEach((w, i) => (out[i] = w >>> 0));
  out[ACTIVATION_WORDS[0]] = f32Bits(act.alpha);
  out[ACTIVATION_WORDS[1]] = f32Bits(act.beta);
  return out;
}

/** A kernel from its parts. */
export function makeKernel(name: string, cacheKey: string, shaderSource: () => string, runData: RunData): GpuKernel {
  return { name, cacheKey, shaderSource, getRunData: () => runData };
}

/** Dims padded on the left with 1s to `rank`. */
export function padDims(dims: readonly number[], rank: number): number[] {
  return [...new Array<number>(rank - dims.length).fill(1), ...dims];
}
