import { ModelLoadError } from '../errors.js';
import type { GraphNode } from '../graph.js';
import { Tensor } from '../tensor.js';

/**
 * The value of a `Constant` node: its `value` tensor, or `value_float(s)` / `value_int(s)` (opset 12+).
 * @throws ModelLoadError when it holds strings, a sparse tensor, or nothing
 */
export function constantValue(node: GraphNode): Tensor {
  const a = node.attributes;
  const value = a['value'] ?? a['value_float'] ?? a['value_floats'] ?? a['value_int'] ?? a['value_ints'];
  if (value instanceof Tensor) return value;
  if (a['value_float'] !== undefined && typeof value === 'number') return new Tensor('float32', [value], []);
  if (a['value_floats'] !== undefined && Array.isArray(value)) return new Tensor('float32', value as number[]);
  if (a['value_int'] !== undefined && typeof value === 'number') return new Tensor('int64', [BigInt(Math.trunc(value))], []);
  if (a['value_ints'] !== undefined && Array.isArray(value)) return new Tensor('int64', (value as number[]).map((v) => BigInt(Math.trunc(v))));
  const kinds = Object.keys(a).join(', ') || 'no attribute';
  throw new ModelLoadError(`node '${node.name}' (Constant): expected a tensor, float(s) or int(s) value, got ${kinds}`);
}

/**
 * The value of a `ConstantOfShape` node whose shape input is constant: its `value` attribute (one element,
 * default float32 0) repeated over the shape.
 * @throws ModelLoadError when the shape holds negative or huge dims, or `value` is not one element
 */
export function constantOfShapeValue(node: GraphNode, shape: Tensor): Tensor {
  const dims = Array.from(shape.data as ArrayLike<number | bigint>, Number);
  const size = dims.reduce((a, b) => a * b, 1);
  if (dims.some((d) => !Number.isInteger(d) || d < 0) || size > 2 ** 28) {
    throw new ModelLoadError(`node '${node.name}' (ConstantOfShape): invalid shape [${dims.join(', ')}]`);
  }
  const value = node.attributes['value'] ?? new Tensor('float32', [0]);
  if (!(value instanceof Tensor) || value.size !== 1) throw new ModelLoadError(`node '${node.name}' (ConstantOfShape): attribute 'value' must be a one-element tensor`);
  const out = Tensor.zeros(value.dtype, dims);
  (out.data as { fill(v: number | bigint): unknown }).fill(value.data[0]);
  return out;
}
