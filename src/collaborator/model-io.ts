import type { ValueInfo } from '../runtime/model.js';
import { Tensor } from '../runtime/tensor.js';
import { SpecMismatchError } from './errors.js';

/**
 * `tensor` ([size, ...]) shaped for a model input: the input's fixed dims after the batch one when the per-agent
 * element counts agree (a sensor's [8] feeding an input of [batch, 8] or [batch, 2, 4]); unchanged otherwise, so
 * the model's own feed check names the mismatch.
 */
export function fitToInput(tensor: Tensor, info: ValueInfo, size: number): Tensor {
  const rest = info.dims.slice(1);
  if (info.dims.length === 0 || !rest.every((d): d is number => typeof d === 'number')) return tensor;
  const perAgent = rest.reduce((a, b) => a * b, 1);
  return perAgent * size === tensor.size ? tensor.reshape([size, ...rest]) : tensor;
}

/** True when a model input takes exactly one agent per run (its batch dimension is fixed to 1). */
export function takesOneAgent(info: ValueInfo): boolean {
  return info.dims[0] === 1;
}

/** Row `i` of a `[size, ...]` tensor. */
export function rowOf(tensor: Tensor, size: number, i: number): Tensor {
  const width = tensor.size / size;
  const start = i * width;
  return new Tensor(tensor.dtype, tensor.data.subarray(start, start + width) as Float32Array, [1, ...tensor.dims.slice(1)]);
}

/**
 * Copies the `width` values of agent `i` from a model output of `size` agents into `out` (numbers; int64 converted).
 * @throws SpecMismatchError naming the output when it does not hold `size * width` values
 */
export function readRow(output: Tensor, name: string, size: number, width: number, i: number, out: Float32Array | Int32Array): void {
  if (output.size !== size * width) {
    throw new SpecMismatchError(`model output '${name}' has dims [${output.dims.join(', ')}]; expected ${size} agents x ${width} actions`);
  }
  const data = output.data;
  for (let k = 0; k < width; k++) out[k] = Number(data[i * width + k]);
}

/** Concatenates per-agent outputs ([1, ...] each) into one [n, ...] tensor per name. */
export function stackOutputs(runs: readonly Record<string, Tensor>[]): Record<string, Tensor> {
  const result: Record<string, Tensor> = {};
  for (const name of Object.keys(runs[0] ?? {})) {
    const parts = runs.map((r) => r[name]);
    const first = parts[0];
    const data = Tensor.zeros(first.dtype, [parts.length * first.size]).data as Float32Array;
    parts.forEach((p, i) => data.set(p.data as Float32Array, i * first.size));
    result[name] = new Tensor(first.dtype, data, [parts.length, ...first.dims.slice(1)]);
  }
  return result;
}
