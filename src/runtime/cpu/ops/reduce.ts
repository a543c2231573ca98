import type { Tensor } from '../../tensor.js';
import type { CompiledKernel, KernelContext, KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { integersOf, stridesOf } from './shape.js';
import { PlanCache, planStrided } from './strided.js';
import type { StridedPlan } from './strided.js';

/** Folds `n` input elements (from `xi`, step `xs`) into accumulators (from `ai`, step `as`; 0 folds them into one). */
type ReduceRow = (x: Float32Array, xi: number, xs: number, acc: Float64Array, ai: number, as: number, n: number) => void;

const sumRow: ReduceRow = (x, xi, xs, acc, ai, as, n) => {
  if (as === 0) {
    let s = 0;
    for (let k = 0; k < n; k++, xi += xs) s += x[xi];
    acc[ai] += s;
  } else {
    for (let k = 0; k < n; k++, xi += xs, ai += as) acc[ai] += x[xi];
  }
};

const maxRow: ReduceRow = (x, xi, xs, acc, ai, as, n) => {
  for (let k = 0; k < n; k++, xi += xs, ai += as) {
    const v = x[xi];
    if (v > acc[ai] || v !== v) acc[ai] = v;
  }
};

interface ReduceOp {
  readonly row: ReduceRow;
  readonly init: number;
  readonly mean: boolean;
  /** The first opset whose `axes` is an input rather than an attribute. */
  readonly axesInputFrom: number;
}

const OPS: Record<string, ReduceOp> = {
  ReduceSum: { row: sumRow, init: 0, mean: false, axesInputFrom: 13 },
  ReduceMean: { row: sumRow, init: 0, mean: true, axesInputFrom: 18 },
  ReduceMax: { row: maxRow, init: -Infinity, mean: false, axesInputFrom: 18 },
};

interface ReducePlan {
  readonly dims: number[];
  readonly plan: StridedPlan;
  readonly count: number;
}

/**
 * ReduceSum, ReduceMean and ReduceMax on float32 and int32: `axes` from the attribute (before opset 13 for
 * ReduceSum, 18 for the others) or from input 1; `keepdims` (default 1); empty axes reduce everything unless
 * `noop_with_empty_axes` is 1, which returns the input. Sums accumulate in float64.
 */
function compileReduce(context: KernelContext): CompiledKernel {
  const reader = new NodeReader(context);
  const op = OPS[context.node.opType];
  if (!op) throw reader.error('is not a reduction');
  const axesFromInput = reader.opset >= op.axesInputFrom;
  const axesAttribute = axesFromInput ? undefined : reader.ints('axes', undefined);
  const keepDims = reader.int('keepdims', 1) !== 0;
  const noopWhenEmpty = reader.int('noop_with_empty_axes', 0) !== 0;
  const plans = new PlanCache<ReducePlan>();
  const slot = new OutputSlot();
  let acc = new Float64Array(0);

  const planFor = (x: Tensor, axes: readonly number[]): ReducePlan => {
    const reduced = new Set(axes.length === 0 ? x.dims.map((_, i) => i) : axes.map((a) => reader.axis(a, x.rank, 'axes entry')));
    const kept = x.dims.map((d, i) => (reduced.has(i) ? 1 : d));
    const keptStrides = stridesOf(kept).map((s, i) => (reduced.has(i) ? 0 : s));
    const dims = keepDims ? kept : x.dims.filter((_, i) => !reduced.has(i));
    let count = 1;
    for (const i of reduced) count *= x.dims[i];
    return { dims, count, plan: planStrided(x.dims, [stridesOf(x.dims), keptStrides]) };
  };

  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32', 'int32']);
      const axesInput = axesFromInput ? inputs[1] : undefined;
      const axes = axesInput ? integersOf(axesInput) : axesAttribute ?? [];
      if (axes.length === 0 && noopWhenEmpty) return [x];
      const { dims, plan, count } = plans.get([x.dims, axes], () => planFor(x, axes));
      const y = slot.get(x.dtype, dims);
      if (acc.length !== y.size) acc = new Float64Array(y.size);
      acc.fill(op.init);
      const [xo, ao] = plan.offsets;
      const [xs, as] = plan.steps;
      for (let r = 0; r < plan.rows; r++) op.row(x.data as Float32Array, xo[r], xs, acc, ao[r], as, plan.length);
      const scale = op.mean ? 1 / count : 1;
      const out = y.data as Float32Array;
      for (let i = 0; i < acc.length; i++) out[i] = acc[i] * scale;
      return [y];
    },
  };
}

/** Kernel factories of ReduceSum, ReduceMean and ReduceMax. */
export const reduceKernels: Record<string, KernelFactory> = Object.fromEntries(Object.keys(OPS).map((name) => [name, compileReduce]));
