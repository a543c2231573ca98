/**
 * The shape of a shared kernel case: one node, its inputs and what it must produce. Every back end runs the
 * same list (test/runtime/<backend>/kernels.test.ts).
 */
import type { AttributeValue } from '../../../src/runtime/graph.js';
import { Tensor } from '../../../src/runtime/tensor.js';

/** One single-node kernel case. */
export interface KernelCase {
  /** What the case checks, e.g. 'broadcasts [2, 3] + [3]'. */
  readonly name: string;
  /** The ONNX operator. */
  readonly op: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  /** The node's inputs in operator order; undefined for an absent optional input. */
  readonly inputs: readonly (Tensor | undefined)[];
  /** Indices of the inputs given as constants (initialisers), so that kernels may pre-pack them. */
  readonly constants?: readonly number[];
  /** The outputs, or a check of them (random ops). Absent when `throws` is given. */
  readonly expected?: readonly Tensor[] | ((outputs: readonly Tensor[]) => void);
  /** The case must throw an error whose name is 'KernelError' and whose message matches. */
  readonly throws?: RegExp;
  /** @default 17 */
  readonly opset?: number;
  /** Absolute tolerance added to a relative 1e-3 for float32 outputs. @default 1e-5 */
  readonly tolerance?: number;
  /** Number of node outputs when more than the expected list shows (e.g. LSTM checking Y only). */
  readonly outputs?: number;
}

/** A float32 tensor. */
export const f32 = (dims: readonly number[], values: readonly number[]): Tensor => new Tensor('float32', values, dims);
/** An int32 tensor. */
export const i32 = (dims: readonly number[], values: readonly number[]): Tensor => new Tensor('int32', values, dims);
/** An int64 tensor. */
export const i64 = (dims: readonly number[], values: readonly number[]): Tensor => new Tensor('int64', values.map((v) => BigInt(v)), dims);
/** A bool tensor. */
export const bool = (dims: readonly number[], values: readonly number[]): Tensor => new Tensor('bool', values, dims);
/** A float32 tensor holding start, start + step, ... in row-major order. */
export const iota = (dims: readonly number[], start = 0, step = 1): Tensor =>
  f32(dims, Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => start + i * step));
/** A float32 tensor of one value. */
export const full = (dims: readonly number[], value: number): Tensor => f32(dims, new Array<number>(dims.reduce((a, b) => a * b, 1)).fill(value));

/** A check that the outputs have these shapes (values of larger cases are checked against onnxruntime-web). */
export const shapes = (...dims: readonly (readonly number[])[]) => (outputs: readonly Tensor[]): void => {
  dims.forEach((d, i) => {
    const got = outputs[i]?.dims ?? [];
    if (got.join() !== d.join()) throw new Error(`output ${i} has dims [${got.join(', ')}], expected [${d.join(', ')}]`);
  });
};
