import type { DataType, Tensor, TensorData } from '../../tensor.js';
import type { CompiledKernel, KernelContext, KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { broadcastShapes, broadcastStrides, shapeText, stridesOf } from './shape.js';
import { PlanCache, planStrided } from './strided.js';
import type { StridedPlan } from './strided.js';

/**
 * One row of a broadcast elementwise op: `n` elements, operand `a` from `ai` stepping `as` (0 when broadcast),
 * `b` likewise, written to `out` from `oi` contiguously. The arrays are typed as Float32Array for the compiler;
 * number rows also receive Int32Array and Uint8Array, comparison rows BigInt64Array.
 */
type Row = (a: Float32Array, ai: number, as: number, b: Float32Array, bi: number, bs: number, out: Float32Array, oi: number, n: number) => void;

/** An int64 op on one pair of elements (shape arithmetic only: small tensors, not a hot path). */
type BigOp = (x: bigint, y: bigint) => bigint;

interface BinaryOp {
  /** The row for float32 (and, unless `intRow` is given, int32) operands. */
  readonly row: Row;
  /** The row for int32 operands when integer semantics differ (truncating division, wrapping product). */
  readonly intRow?: Row;
  /** int64 arithmetic; comparisons use `row` for every dtype. */
  readonly big?: BigOp;
  /** Whether the output is bool (comparisons). */
  readonly compare: boolean;
  /** Input dtypes accepted. */
  readonly dtypes: readonly DataType[];
  /** Whether the op takes one or more inputs (Max, Min) rather than exactly two. */
  readonly variadic?: boolean;
}

const add: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = a[ai] + b[bi]; };
const sub: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = a[ai] - b[bi]; };
const mul: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = a[ai] * b[bi]; };
const imul: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = Math.imul(a[ai], b[bi]); };
const div: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = a[ai] / b[bi]; };
const idiv: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = Math.trunc(a[ai] / b[bi]); };
const pow: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = Math.pow(a[ai], b[bi]); };
const max: Row = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let k = 0; k < n; k++, ai += as, bi += bs) { const x = a[ai], y = b[bi]; o[oi + k] = x >= y || x !== x ? x : y; }
};
const min: Row = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let k = 0; k < n; k++, ai += as, bi += bs) { const x = a[ai], y = b[bi]; o[oi + k] = x <= y || x !== x ? x : y; }
};
const less: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = a[ai] < b[bi] ? 1 : 0; };
const greaterOrEqual: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = a[ai] >= b[bi] ? 1 : 0; };
const equal: Row = (a, ai, as, b, bi, bs, o, oi, n) => { for (let k = 0; k < n; k++, ai += as, bi += bs) o[oi + k] = a[ai] === b[bi] ? 1 : 0; };

const NUMERIC: readonly DataType[] = ['float32', 'int32', 'int64'];
const arithmetic = (row: Row, big: BigOp, intRow?: Row): BinaryOp => ({ row, intRow, big, compare: false, dtypes: NUMERIC });
const comparison = (row: Row, dtypes: readonly DataType[]): BinaryOp => ({ row, compare: true, dtypes });

/** The binary elementwise ops, by ONNX op type. */
const OPS: Record<string, BinaryOp> = {
  Add: arithmetic(add, (x, y) => x + y),
  Sub: arithmetic(sub, (x, y) => x - y),
  Mul: arithmetic(mul, (x, y) => x * y, imul),
  Div: arithmetic(div, (x, y) => x / y, idiv),
  Pow: { row: pow, compare: false, dtypes: ['float32', 'int32'] },
  Max: { ...arithmetic(max, (x, y) => (x >= y ? x : y)), variadic: true },
  Min: { ...arithmetic(min, (x, y) => (x <= y ? x : y)), variadic: true },
  Less: comparison(less, NUMERIC),
  GreaterOrEqual: comparison(greaterOrEqual, NUMERIC),
  Equal: comparison(equal, [...NUMERIC, 'bool']),
};

function bigRow(op: BigOp): Row {
  return (a, ai, as, b, bi, bs, o, oi, n) => {
    const x = a as unknown as BigInt64Array, y = b as unknown as BigInt64Array, out = o as unknown as BigInt64Array;
    for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = op(x[ai], y[bi]);
  };
}

function runRows(plan: StridedPlan, row: Row, a: TensorData, b: TensorData, out: TensorData): void {
  const [ao, bo, oo] = plan.offsets;
  const [as, bs] = plan.steps;
  for (let r = 0; r < plan.rows; r++) {
    row(a as Float32Array, ao[r], as, b as Float32Array, bo[r], bs, out as Float32Array, oo[r], plan.length);
  }
}

/** The plan and output buffer of one pairwise step (Max and Min with more than two inputs fold step by step). */
class Step {
  readonly plans = new PlanCache<{ dims: number[]; plan: StridedPlan }>();
  readonly slot = new OutputSlot();
}

/**
 * Compiles one of the broadcasting binary ops (Add Sub Mul Div Pow Max Min Less GreaterOrEqual Equal).
 * Max and Min take one or more inputs and fold them left to right.
 */
function compileBinary(context: KernelContext): CompiledKernel {
  const reader = new NodeReader(context);
  const op = OPS[context.node.opType];
  if (!op) throw reader.error('is not a binary elementwise op');
  const isPow = op === OPS.Pow;
  const bigRowFn = op.big ? bigRow(op.big) : undefined;
  const steps: Step[] = [];

  const apply = (a: Tensor, b: Tensor, step: Step): Tensor => {
    if (!isPow && a.dtype !== b.dtype) throw reader.error(`inputs must share a dtype, got ${a.dtype} and ${b.dtype}`);
    const { dims, plan } = step.plans.get([a.dims, b.dims], () => {
      const shape = broadcastShapes([a.dims, b.dims]);
      if (!shape) throw reader.error(`shapes ${shapeText(a.dims)} and ${shapeText(b.dims)} do not broadcast`);
      return { dims: shape, plan: planStrided(shape, [broadcastStrides(a.dims, shape), broadcastStrides(b.dims, shape), stridesOf(shape)]) };
    });
    const result = step.slot.get(op.compare ? 'bool' : a.dtype, dims);
    const row = a.dtype === 'int64' && !op.compare ? bigRowFn : a.dtype === 'int32' && op.intRow ? op.intRow : op.row;
    if (!row) throw reader.error(`dtype ${a.dtype} is not supported`);
    runRows(plan, row, a.data, b.data, result.data);
    return result;
  };

  return {
    run(inputs) {
      const operands = inputs.map((_, i) => reader.input(inputs, i));
      if (op.variadic ? operands.length === 0 : operands.length !== 2) {
        throw reader.error(`takes ${op.variadic ? 'one or more inputs' : 'two inputs'}, got ${operands.length}`);
      }
      operands.forEach((t, i) => {
        if (!op.dtypes.includes(t.dtype)) throw reader.error(`input ${i} has unsupported dtype ${t.dtype} (supported: ${op.dtypes.join(', ')})`);
      });
      let acc = operands[0];
      for (let i = 1; i < operands.length; i++) acc = apply(acc, operands[i], (steps[i - 1] ??= new Step()));
      return [acc];
    },
  };
}

/** Kernel factories of the binary elementwise ops, by op type. */
export const binaryKernels: Record<string, KernelFactory> = Object.fromEntries(Object.keys(OPS).map((name) => [name, compileBinary]));
