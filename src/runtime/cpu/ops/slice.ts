import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { integersOf, shapeText, stridesOf } from './shape.js';
import { copyStrided, PlanCache, planStrided } from './strided.js';
import type { StridedPlan } from './strided.js';

interface SliceSpec {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly axes: readonly number[] | undefined;
  readonly steps: readonly number[] | undefined;
}

/** Clamps a start or end on an axis of size `size` per ONNX: negatives count from the end, then clamp by step sign. */
function clampIndex(value: number, size: number, step: number, isEnd: boolean): number {
  const v = value < 0 ? value + size : value;
  if (step > 0) return Math.min(Math.max(v, 0), size);
  return Math.min(Math.max(v, isEnd ? -1 : 0), size - 1);
}

/**
 * Slice, any dtype: starts, ends, optional axes (negative allowed) and steps (non-zero, negative walks
 * backwards) from inputs 1-4 (from attributes before opset 10); out-of-range bounds are clamped.
 */
export const sliceKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const legacy = reader.opset < 10;
  const attributes: SliceSpec | undefined = legacy
    ? { starts: reader.ints('starts', []) ?? [], ends: reader.ints('ends', []) ?? [], axes: reader.ints('axes', undefined), steps: undefined }
    : undefined;
  const plans = new PlanCache<{ dims: number[]; plan: StridedPlan }>();
  const slot = new OutputSlot();

  const planFor = (x: Tensor, spec: SliceSpec): { dims: number[]; plan: StridedPlan } => {
    const { starts, ends } = spec;
    const axes = spec.axes ?? starts.map((_, i) => i);
    const steps = spec.steps ?? starts.map(() => 1);
    if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length) {
      throw reader.error(`starts ${shapeText(starts)}, ends ${shapeText(ends)}, axes ${shapeText(axes)} and steps ${shapeText(steps)} must have one entry each per sliced axis`);
    }
    const dims = [...x.dims];
    const strides = stridesOf(x.dims);
    const stepStrides = [...strides];
    let base = 0;
    const seen = new Set<number>();
    axes.forEach((a, i) => {
      const axis = reader.axis(a, x.rank, 'axes entry');
      if (seen.has(axis)) throw reader.error(`axis ${axis} is sliced twice`);
      seen.add(axis);
      const step = steps[i];
      if (step === 0) throw reader.error('steps must not be 0');
      const size = x.dims[axis];
      const start = clampIndex(starts[i], size, step, false);
      const end = clampIndex(ends[i], size, step, true);
      dims[axis] = Math.max(0, Math.ceil((end - start) / step));
      base += dims[axis] > 0 ? start * strides[axis] : 0;
      stepStrides[axis] = strides[axis] * step;
    });
    return { dims, plan: planStrided(dims, [stepStrides, stridesOf(dims)], [base, 0]) };
  };

  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      const spec: SliceSpec = attributes ?? {
        starts: integersOf(reader.input(inputs, 1)),
        ends: integersOf(reader.input(inputs, 2)),
        axes: inputs[3] ? integersOf(inputs[3]) : undefined,
        steps: inputs[4] ? integersOf(inputs[4]) : undefined,
      };
      const { dims, plan } = plans.get([x.dims, spec.starts, spec.ends, spec.axes ?? [], spec.steps ?? []], () => planFor(x, spec));
      const y = slot.get(x.dtype, dims);
      copyStrided(plan, x.data, y.data);
      return [y];
    },
  };
};
