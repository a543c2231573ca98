import { NodeReader } from '../../cpu/ops/node-reader.js';
import { integersOf, sizeBetween, stridesOf } from '../../cpu/ops/shape.js';
import { groups1d } from '../kernel.js';
import type { Dispatch, GpuKernel, GpuOpFactory } from '../kernel.js';
import { main1d, storage, stridedOffset, uniformBlock } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';

/** Ranks the strided copy handles. */
const MAX_RANK = 6;

const copyShader = (): string => storage(0, 'src', 'u32', false) + storage(1, 'dst', 'u32', true) + uniformBlock(2) + stridedOffset
  + main1d(0, `  // Bitwise copy (any 4-byte element) of element i of the copied shape: source and target through their strides.
  dst[u32(sword(3u) + offsetOf(i, word(1u), 5u, 17u))] = src[u32(sword(2u) + offsetOf(i, word(1u), 5u, 11u))];`);

/**
 * A strided copy of a region of `dims`: element at coordinates c goes from `srcBase + c . srcStrides` to
 * `dstBase + c . dstStrides`. Words: 0 count, 1 rank, 2 source base, 3 target base, 5-10 dims, 11-16 source
 * strides, 17-22 target strides (signed).
 */
function stridedCopy(name: string, dims: readonly number[], srcStrides: readonly number[], srcBase: number, dstStrides: readonly number[], dstBase: number): GpuKernel {
  const count = dims.reduce((a, b) => a * b, 1);
  const pad = (list: readonly number[]): number[] => [...list, ...new Array<number>(MAX_RANK - list.length).fill(0)];
  return makeKernel(name, 'copy:strided', copyShader, {
    workgroups: groups1d(count),
    uniforms: uniforms([count, dims.length, srcBase, dstBase, 0, ...pad(dims), ...pad(srcStrides), ...pad(dstStrides)]),
  });
}

/** Views: the output is the input's buffer under the shape the run signature gives it. */
const alias: GpuOpFactory = () => ({ plan: () => ({ alias: 0 }) });

/** Transpose by `perm` (reversed axes by default). */
const compileTranspose: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const permAttribute = reader.ints('perm', undefined);
  return {
    plan(plan) {
      const x = plan.input(0)!;
      const rank = x.dims.length;
      if (rank > MAX_RANK) return undefined;
      const perm = permAttribute ?? x.dims.map((_, i) => rank - 1 - i);
      const strides = stridesOf(x.dims);
      const out = plan.output(0).dims;
      const kernel = stridedCopy('Transpose', out, perm.map((p) => strides[p]), 0, stridesOf(out), 0);
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** Concat: one strided copy per non-empty input into its slab of the output. */
const compileConcat: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const axisAttribute = reader.int('axis', 0);
  return {
    plan(plan) {
      const out = plan.output(0).dims;
      if (out.length > MAX_RANK) return undefined;
      const axis = reader.axis(axisAttribute, out.length);
      const outStrides = stridesOf(out);
      const dispatches: Dispatch[] = [];
      let offset = 0;
      node.inputs.forEach((name, i) => {
        const dims = plan.input(i)!.dims;
        if (dims.reduce((a, b) => a * b, 1) > 0) {
          const kernel = stridedCopy('Concat', dims, stridesOf(dims), 0, outStrides, offset * outStrides[axis]);
          dispatches.push({ kernel, reads: [{ value: name }], writes: [{ value: node.outputs[0] }] });
        }
        offset += dims[axis];
      });
      return { dispatches };
    },
  };
};

/** Clamps a Slice start or end as ONNX does. */
function clampIndex(value: number, size: number, step: number, isEnd: boolean): number {
  const v = value < 0 ? value + size : value;
  if (step > 0) return Math.min(Math.max(v, 0), size);
  return Math.min(Math.max(v, isEnd ? -1 : 0), size - 1);
}

/** Slice with starts, ends, axes and steps known on the host (constants or shape computations). */
const compileSlice: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const legacy = reader.opset < 10;
  return {
    plan(plan) {
      const x = plan.input(0)!;
      const out = plan.output(0).dims;
      if (x.dims.length > MAX_RANK) return undefined;
      const list = (i: number, attribute: string): readonly number[] | undefined | null => {
        if (legacy) return reader.ints(attribute, undefined);
        if (!plan.input(i)) return undefined;
        const value = plan.hostValue(i);
        return value ? integersOf(value) : null;
      };
      const starts = list(1, 'starts'), ends = list(2, 'ends'), axesList = list(3, 'axes'), stepsList = list(4, 'steps');
      if (!starts || !ends || axesList === null || stepsList === null) return undefined;
      const strides = stridesOf(x.dims);
      const srcStrides = [...strides];
      let base = 0;
      starts.forEach((start, i) => {
        const a = axesList?.[i] ?? i;
        const axis = a < 0 ? a + x.dims.length : a;
        const step = stepsList?.[i] ?? 1;
        if (out[axis] > 0) base += clampIndex(start, x.dims[axis], step, false) * strides[axis];
        srcStrides[axis] = strides[axis] * step;
      });
      if (out.reduce((a, b) => a * b, 1) === 0) return { dispatches: [] };
      const kernel = stridedCopy('Slice', out, srcStrides, base, stridesOf(out), 0);
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** Gather along an axis; indices (int32, or int64 as their low words) may be negative; out-of-range ones are clamped. */
const gatherShader = (): string => storage(0, 'data', 'u32', false) + storage(1, 'indices', 'i32', false) + storage(2, 'y', 'u32', true) + uniformBlock(3)
  + main1d(0, `  // Words: 1 inner size, 2 index count, 3 axis size.
  let inner = word(1u);
  let count = word(2u);
  let size = i32(word(3u));
  let j = (i / inner) % count;
  let outer = i / (inner * count);
  var index = indices[j];
  if (index < 0) { index += size; }
  index = clamp(index, 0, size - 1);
  y[i] = data[(outer * u32(size) + u32(index)) * inner + i % inner];`);

const compileGather: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const axisAttribute = reader.int('axis', 0);
  return {
    plan(plan) {
      const data = plan.input(0)!, indices = plan.input(1)!;
      const axis = reader.axis(axisAttribute, data.dims.length);
      const count = plan.output(0).dims.reduce((a, b) => a * b, 1);
      const kernel = makeKernel('Gather', 'gather', gatherShader, {
        workgroups: groups1d(count),
        uniforms: uniforms([count, sizeBetween(data.dims, axis + 1), indices.dims.reduce((a, b) => a * b, 1), data.dims[axis]]),
      });
      return { dispatches: count === 0 ? [] : [{ kernel, reads: [{ value: node.inputs[0] }, { value: node.inputs[1] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** The shaping GPU ops: views, and copies through one strided-copy kernel. */
export const shapingOps: Record<string, GpuOpFactory> = {
  Reshape: alias, Flatten: alias, Squeeze: alias, Unsqueeze: alias, Identity: alias,
  Transpose: compileTranspose, Concat: compileConcat, Slice: compileSlice, Gather: compileGather,
};
