import { NodeReader } from '../../cpu/ops/node-reader.js';
import { integersOf, sizeBetween, stridesOf } from '../../cpu/ops/shape.js';
import { groups1d } from '../kernel.js';
import type { Dispatch, GpuOpFactory } from '../kernel.js';
import { main1d, storage, uniformBlock } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';
import { copyRegion } from './copy.js';

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
      const perm = permAttribute ?? x.dims.map((_, i) => rank - 1 - i);
      const strides = stridesOf(x.dims);
      const out = plan.output(0).dims;
      const kernel = copyRegion('Transpose', out, perm.map((p) => strides[p]), 0, stridesOf(out), 0);
      if (!kernel) return undefined;
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** Concat: one region copy per non-empty input into its part of the output (a slab copy after coalescing). */
const compileConcat: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const axisAttribute = reader.int('axis', 0);
  return {
    plan(plan) {
      const out = plan.output(0).dims;
      const axis = reader.axis(axisAttribute, out.length);
      const outStrides = stridesOf(out);
      const dispatches: Dispatch[] = [];
      let offset = 0;
      for (const [i, name] of node.inputs.entries()) {
        const dims = plan.input(i)!.dims;
        if (dims.reduce((a, b) => a * b, 1) > 0) {
          const kernel = copyRegion('Concat', dims, stridesOf(dims), 0, outStrides, offset * outStrides[axis]);
          if (!kernel) return undefined;
          dispatches.push({ kernel, reads: [{ value: name }], writes: [{ value: node.outputs[0] }] });
        }
        offset += dims[axis];
      }
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
      const kernel = copyRegion('Slice', out, srcStrides, base, stridesOf(out), 0);
      if (!kernel) return undefined;
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

/** The shaping GPU ops: views, region copies and Gather. */
export const shapingOps: Record<string, GpuOpFactory> = {
  Reshape: alias, Flatten: alias, Squeeze: alias, Unsqueeze: alias, Identity: alias,
  Transpose: compileTranspose, Concat: compileConcat, Slice: compileSlice, Gather: compileGather,
};
