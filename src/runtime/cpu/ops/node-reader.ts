import type { AttributeValue } from '../../graph.js';
import { KernelError } from '../../errors.js';
import type { DataType, Tensor } from '../../tensor.js';
import type { KernelContext } from '../kernel.js';

function describe(value: AttributeValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}`;
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  return typeof value === 'object' ? 'a tensor or graph' : JSON.stringify(value);
}

/**
 * Reads a node's attributes with their ONNX defaults and turns every problem into a {@link KernelError}
 * naming the node, the op and the attribute. One per compiled kernel.
 */
export class NodeReader {
  /** The compile-time context the reader was made from. */
  readonly context: KernelContext;

  constructor(context: KernelContext) {
    this.context = context;
  }

  /** The default-domain opset of the model. */
  get opset(): number {
    return this.context.opset;
  }

  /** A {@link KernelError} for this node with `message`. */
  error(message: string): KernelError {
    return new KernelError(this.context.node, message);
  }

  /** Whether the attribute is present. */
  has(name: string): boolean {
    return this.context.node.attributes[name] !== undefined;
  }

  /** An integer attribute, or `fallback` when absent. */
  int(name: string, fallback: number): number {
    const value = this.context.node.attributes[name];
    if (value === undefined) return fallback;
    const n = typeof value === 'bigint' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw this.error(`attribute '${name}' must be an integer, got ${describe(value)}`);
    return n;
  }

  /** A float attribute, or `fallback` when absent. */
  float(name: string, fallback: number): number {
    const value = this.context.node.attributes[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number') throw this.error(`attribute '${name}' must be a float, got ${describe(value)}`);
    return value;
  }

  /** A list-of-integers attribute, or `fallback` when absent. */
  ints(name: string, fallback: readonly number[] | undefined): readonly number[] | undefined {
    const value = this.context.node.attributes[name];
    if (value === undefined) return fallback;
    const list = Array.isArray(value) ? value : [value];
    const ints = list.map((v) => (typeof v === 'bigint' ? Number(v) : v));
    if (!ints.every((v) => typeof v === 'number' && Number.isInteger(v))) {
      throw this.error(`attribute '${name}' must be a list of integers, got ${describe(value)}`);
    }
    return ints as number[];
  }

  /** A string attribute, or `fallback` when absent. */
  string(name: string, fallback: string): string {
    const value = this.context.node.attributes[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'string') throw this.error(`attribute '${name}' must be a string, got ${describe(value)}`);
    return value;
  }

  /** A string attribute that must be one of `allowed`. */
  choice<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.string(name, fallback);
    if (!(allowed as readonly string[]).includes(value)) {
      throw this.error(`attribute '${name}' = '${value}' is not supported (supported: ${allowed.join(', ')})`);
    }
    return value as T;
  }

  /** Input `i`, which the op requires. */
  input(inputs: readonly (Tensor | undefined)[], i: number): Tensor {
    const tensor = inputs[i];
    if (!tensor) throw this.error(`input ${i} is required but absent`);
    return tensor;
  }

  /** Input `i` checked to hold one of `dtypes`. */
  typed<T extends DataType>(inputs: readonly (Tensor | undefined)[], i: number, dtypes: readonly T[]): Tensor<T> {
    const tensor = this.input(inputs, i);
    if (!(dtypes as readonly DataType[]).includes(tensor.dtype)) {
      throw this.error(`input ${i} must be ${dtypes.join(' or ')}, got ${tensor.dtype} [${tensor.dims.join(', ')}]`);
    }
    return tensor as Tensor<T>;
  }

  /** An axis in [-rank, rank) made non-negative. */
  axis(axis: number, rank: number, what = 'axis'): number {
    if (!Number.isInteger(axis) || axis < -rank || axis >= rank) throw this.error(`${what} ${axis} is out of range for rank ${rank}`);
    return axis < 0 ? axis + rank : axis;
  }
}
