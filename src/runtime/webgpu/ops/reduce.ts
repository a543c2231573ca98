import { NodeReader } from '../../cpu/ops/node-reader.js';
import { integersOf, stridesOf } from '../../cpu/ops/shape.js';
import { groups1d } from '../kernel.js';
import type { GpuOpFactory, PlanContext } from '../kernel.js';
import { main1d, storage, uniformBlock } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';

/** Ranks a reduction handles on the GPU. */
const MAX_RANK = 6;

/** How each reduction starts, folds and finishes. */
const FOLDS: Record<string, { init: string; fold: string; mean: boolean }> = {
  ReduceSum: { init: '0.0', fold: 'acc + v', mean: false },
  ReduceMean: { init: '0.0', fold: 'acc + v', mean: true },
  ReduceMax: { init: '-3.4028234663852886e38', fold: 'max(acc, v)', mean: false },
  GlobalAveragePool: { init: '0.0', fold: 'acc + v', mean: true },
};

/**
 * One invocation per output element: the kept axes locate the first input element, the reduced axes are walked
 * from there. Words: 0 count, 1 kept rank, 2-7 kept dims, 8-13 kept strides, 14 reduced rank, 15-20 reduced
 * dims, 21-26 reduced strides, 27 reduced count.
 */
function reduceShader(op: string): string {
  const { init, fold, mean } = FOLDS[op];
  return storage(0, 'x', 'f32', false) + storage(1, 'y', 'f32', true) + uniformBlock(2) + `// Input offset of element 'index' over 'rank' dims from word dimsAt with strides from word stridesAt.
fn walk(index: u32, rank: u32, dimsAt: u32, stridesAt: u32) -> u32 {
  var rest = index;
  var offset = 0u;
  for (var d = i32(rank) - 1; d >= 0; d--) {
    let size = word(dimsAt + u32(d));
    offset += (rest % size) * word(stridesAt + u32(d));
    rest /= size;
  }
  return offset;
}
` + main1d(0, `  let base = walk(i, word(1u), 2u, 8u);
  var acc = ${init};
  for (var r = 0u; r < word(27u); r++) {
    let v = x[base + walk(r, word(14u), 15u, 21u)];
    acc = ${fold};
  }
  y[i] = ${mean ? 'acc / f32(word(27u))' : 'acc'};`);
}

/** The reduced axes (non-negative, sorted), or undefined when they are not known on the host. */
function reducedAxes(op: string, plan: PlanContext, reader: NodeReader, rank: number): number[] | undefined {
  if (op === 'GlobalAveragePool') return Array.from({ length: rank - 2 }, (_, i) => i + 2);
  const fromInput = reader.opset >= (op === 'ReduceSum' ? 13 : 18);
  let axes: readonly number[] | undefined;
  if (fromInput) {
    if (plan.input(1)) {
      const value = plan.hostValue(1);
      if (!value) return undefined;
      axes = integersOf(value);
    }
  } else {
    axes = reader.ints('axes', undefined);
  }
  if (!axes || axes.length === 0) return Array.from({ length: rank }, (_, i) => i);
  return [...new Set(axes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
}

/** ReduceSum, ReduceMean, ReduceMax and GlobalAveragePool on float32. */
const compileReduce: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const noop = reader.int('noop_with_empty_axes', 0) !== 0;
  return {
    plan(plan) {
      const x = plan.input(0)!;
      if (x.dtype !== 'float32' || x.dims.length > MAX_RANK) return undefined;
      if (noop && node.opType !== 'GlobalAveragePool' && (!plan.input(1) || plan.hostValue(1)?.size === 0)) return { alias: 0 };
      const axes = reducedAxes(node.opType, plan, reader, x.dims.length);
      if (!axes) return undefined;
      const strides = stridesOf(x.dims);
      const kept = x.dims.map((_, i) => i).filter((i) => !axes.includes(i));
      const pad = (list: number[]): number[] => [...list, ...new Array<number>(MAX_RANK - list.length).fill(0)];
      const count = kept.reduce((n, i) => n * x.dims[i], 1);
      const reduced = axes.reduce((n, i) => n * x.dims[i], 1);
      const words = [count, kept.length, ...pad(kept.map((i) => x.dims[i])), ...pad(kept.map((i) => strides[i])),
        axes.length, ...pad(axes.map((i) => x.dims[i])), ...pad(axes.map((i) => strides[i])), reduced];
      const kernel = makeKernel(node.opType, `reduce:${node.opType}`, () => reduceShader(node.opType), { workgroups: groups1d(count), uniforms: uniforms(words) });
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** The reduction GPU ops, by op type. */
export const reduceOps: Record<string, GpuOpFactory> = Object.fromEntries(Object.keys(FOLDS).map((op) => [op, compileReduce]));
