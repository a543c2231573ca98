/**
 * The region-copy kernels (slab copies, four elements at a time when aligned, and strided copies unrolled for
 * their coalesced rank) behind Concat, Transpose and Slice, and the flat, vec4 and strided binary kernels, on
 * shapes that reach each path: odd sizes, concatenation on the first, a middle and the last axis, perms that
 * coalesce and perms that do not, integer and bool elements, broadcasting by a scalar, a last-dim vector and a
 * middle axis. Each graph runs on the WebGPU back end and on the CPU back end, which must agree.
 */
import type { AttributeValue, Graph, GraphNode } from '../../../src/runtime/graph.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import type { DataType } from '../../../src/runtime/tensor.js';
import { uniform } from '../helpers.js';
import { describeGpu, expectGpuMatchesCpu, expectNoUncapturedErrors } from './gpu.js';

interface Case {
  readonly name: string;
  readonly op: string;
  readonly attributes?: Record<string, AttributeValue>;
  /** Graph inputs (fed at run time) in operator order. */
  readonly inputs: readonly Tensor[];
  /** Constant inputs after them (Slice's starts, ends, axes, steps). */
  readonly constants?: readonly Tensor[];
  /** A Relu after the op (fused into the binary kernels on the GPU). */
  readonly relu?: boolean;
}

/** A tensor of `dtype` with seeded values: uniform floats, small integers, or alternating-ish booleans. */
function filled(dtype: DataType, dims: readonly number[], seed: number): Tensor {
  const floats = uniform(dims, seed, -5, 5);
  if (dtype === 'float32') return floats;
  const t = Tensor.zeros(dtype, dims);
  floats.data.forEach((v, i) => {
    const n = Math.round(v * 10);
    t.data[i] = dtype === 'int64' ? BigInt(n) : dtype === 'bool' ? Number(n > 0) : n;
  });
  return t;
}

const ints = (values: number[]): Tensor => {
  const t = Tensor.zeros('int64', [values.length]);
  values.forEach((v, i) => (t.data[i] = BigInt(v)));
  return t;
};

const concat = (name: string, axis: number, dims: number[][], dtype: DataType = 'float32'): Case => ({
  name, op: 'Concat', attributes: { axis }, inputs: dims.map((d, i) => filled(dtype, d, 3 + i)),
});
const transpose = (name: string, dims: number[], perm?: number[]): Case => ({
  name, op: 'Transpose', attributes: perm ? { perm } : {}, inputs: [filled('float32', dims, 7)],
});
const binary = (name: string, op: string, a: number[], b: number[], dtype: DataType = 'float32', relu = false): Case => ({
  name, op, inputs: [filled(dtype, a, 11), filled(dtype, b, 12)], relu,
});

const CASES: readonly Case[] = [
  concat('channels of 64 x 64 (vec4 slabs, BlazeFace)', 1, [[1, 24, 64, 64], [1, 4, 64, 64]]),
  concat('middle axis, odd sizes (u32 slabs)', 1, [[2, 3, 5, 7], [2, 1, 5, 7], [2, 2, 5, 7]]),
  concat('first axis (one contiguous run each)', 0, [[3, 5], [1, 5], [4, 5]]),
  concat('last axis, odd widths, an empty input', 2, [[2, 3, 5], [2, 3, 0], [2, 3, 2]]),
  concat('last axis, widths of 4 (vec4)', -1, [[3, 4], [3, 8]]),
  concat('int64 on a middle axis', 1, [[2, 3, 3], [2, 2, 3]], 'int64'),
  concat('int32 on the first axis, odd', 0, [[3], [2]], 'int32'),
  concat('bool on the last axis', 1, [[3, 2], [3, 5]], 'bool'),
  transpose('NCHW to NHWC, 5 x 7 x 9', [1, 5, 7, 9], [0, 2, 3, 1]),
  transpose('reversed axes by default, 3 x 4 x 5', [3, 4, 5]),
  transpose('rank 5 that coalesces to 2', [2, 3, 4, 1, 5], [3, 2, 4, 0, 1]),
  transpose('rank 6, no two axes stay adjacent', [2, 3, 2, 3, 2, 3], [5, 3, 1, 4, 2, 0]),
  transpose('identity perm (a plain copy)', [3, 7], [0, 1]),
  {
    name: 'middle rows, steps 2 and -1', op: 'Slice', inputs: [filled('float32', [4, 9, 6], 5)],
    constants: [ints([1, 5]), ints([8, 0]), ints([1, 2]), ints([2, -1])],
  },
  {
    name: 'rows of the first axis (a slab)', op: 'Slice', inputs: [filled('float32', [6, 8], 5)],
    constants: [ints([1]), ints([5]), ints([0]), ints([1])],
  },
  binary('same shape, count a multiple of 4 (vec4), fused Relu', 'Add', [2, 6, 8], [2, 6, 8], 'float32', true),
  binary('same shape, odd count (flat)', 'Mul', [3, 5, 7], [3, 5, 7]),
  binary('int32 same shape (vec4)', 'Sub', [4, 4], [4, 4], 'int32'),
  binary('compare, same shape', 'Less', [4, 6], [4, 6]),
  binary('by a scalar', 'Mul', [3, 5, 7], []),
  binary('scalar first', 'Sub', [1], [2, 3, 5]),
  binary('by a last-dim vector', 'Add', [2, 3, 7], [7], 'float32', true),
  binary('broadcast on a middle axis', 'Div', [2, 3, 5], [2, 1, 5]),
  binary('both broadcast (outer product)', 'Max', [4, 1], [1, 6]),
  binary('by a per-channel column', 'Min', [2, 3, 4], [3, 1]),
  binary('int32 broadcast', 'Add', [2, 3, 4], [3, 1], 'int32'),
];

function graphOf(c: Case): { graph: Graph; feeds: Record<string, Tensor> } {
  const names = [...c.inputs, ...(c.constants ?? [])].map((_, i) => `in${i}`);
  const nodes: GraphNode[] = [{ name: 'op', opType: c.op, domain: '', inputs: names, outputs: [c.relu ? 'z' : 'y'], attributes: c.attributes ?? {} }];
  if (c.relu) nodes.push({ name: 'act', opType: 'Relu', domain: '', inputs: ['z'], outputs: ['y'], attributes: {} });
  const feeds = Object.fromEntries(c.inputs.map((t, i) => [names[i], t]));
  const constants = new Map((c.constants ?? []).map((t, i) => [names[c.inputs.length + i], t]));
  const inputs = c.inputs.map((t, i) => ({ name: names[i], dtype: t.dtype, dims: t.dims }));
  return { graph: { nodes, constants, inputs, outputs: [{ name: 'y', dtype: 'float32', dims: [] }], opset: 17 }, feeds };
}

describeGpu('region-copy and binary kernels against the CPU back end (SwiftShader in Node)', (device) => {
  expectNoUncapturedErrors(device);

  for (const c of CASES) {
    it(`${c.op}: ${c.name}`, async () => {
      const { graph, feeds } = graphOf(c);
      await expectGpuMatchesCpu(device(), graph, feeds, c.name);
    });
  }
});
