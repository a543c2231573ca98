import { broadcastStrides } from '../../cpu/ops/shape.js';
import { NodeReader } from '../../cpu/ops/node-reader.js';
import type { DataType } from '../../tensor.js';
import { groups1d } from '../kernel.js';
import type { GpuOpFactory } from '../kernel.js';
import { activate4, activation, main1d, storage, stridedOffsets, uniformBlock } from '../wgsl.js';
import type { ActivationKind, Element, StorageElement } from '../wgsl.js';
import { elementOf, makeKernel, uniforms } from './common.js';
import type { Activation } from './common.js';
import { coalesce, MAX_COPY_RANK } from './copy.js';

/** Unary maths functions as WGSL expressions of `v`. */
const UNARY: Record<string, string> = { Sqrt: 'sqrt(v)', Exp: 'exp(v)', Log: 'log(v)' };

/** Activations as standalone nodes: the identity followed by the fused-activation snippet. */
const ACTIVATIONS: Record<string, ActivationKind> = { Relu: 'relu', LeakyRelu: 'leakyrelu', Sigmoid: 'sigmoid', Tanh: 'tanh', Clip: 'clip' };

interface BinarySpec {
  /** WGSL expression of `a` and `b`. */
  readonly expr: string;
  readonly compare: boolean;
  /** Whether int32 operands are supported on the GPU. */
  readonly ints: boolean;
}

const BINARY: Record<string, BinarySpec> = {
  Add: { expr: 'a + b', compare: false, ints: true },
  Sub: { expr: 'a - b', compare: false, ints: true },
  Mul: { expr: 'a * b', compare: false, ints: true },
  Div: { expr: 'a / b', compare: false, ints: true },
  Pow: { expr: 'powf(a, b)', compare: false, ints: false },
  Max: { expr: 'max(a, b)', compare: false, ints: true },
  Min: { expr: 'min(a, b)', compare: false, ints: true },
  Less: { expr: 'select(0i, 1i, a < b)', compare: true, ints: true },
  GreaterOrEqual: { expr: 'select(0i, 1i, a >= b)', compare: true, ints: true },
  Equal: { expr: 'select(0i, 1i, a == b)', compare: true, ints: true },
};

const powSnippet = `// Pow with ONNX semantics for a negative base and an integer exponent (WGSL's pow is NaN there).
fn powf(a: f32, b: f32) -> f32 {
  if (b == 2.0) { return a * a; }
  if (a >= 0.0 || b != floor(b)) { return pow(a, b); }
  let m = pow(-a, b);
  return select(m, -m, (i32(b) & 1) == 1);
}
`;

/** Float32 unary maths and activations (an activation fused into this node replaces the identity's). */
const compileUnary: GpuOpFactory = (context) => {
  const { opType } = context.node;
  const reader = new NodeReader({ node: context.node, opset: context.opset, constantInput: (i) => context.constantInput(i) });
  const expr = UNARY[opType] ?? 'v';
  const own = ACTIVATIONS[opType];
  const alphaAttribute = opType === 'LeakyRelu' ? reader.float('alpha', 0.01) : 0;
  const legacyClip = opType === 'Clip' && context.opset < 11;
  return {
    plan(plan) {
      const x = plan.input(0)!;
      if (x.dtype !== 'float32') return undefined;
      let act: Activation = context.activation;
      if (own === 'clip') {
        const bound = (i: number, attribute: string, fallback: number): number | undefined => {
          if (legacyClip) return reader.float(attribute, fallback);
          if (!plan.input(i)) return fallback;
          const value = plan.hostValue(i);
          return value && value.size === 1 ? Number(value.data[0]) : undefined;
        };
        const lo = bound(1, 'min', -3.4028234663852886e38), hi = bound(2, 'max', 3.4028234663852886e38);
        if (lo === undefined || hi === undefined) return undefined;
        act = { kind: 'clip', alpha: lo, beta: hi };
      } else if (own) {
        act = { kind: own, alpha: alphaAttribute, beta: 0 };
      }
      const count = x.dims.reduce((a, b) => a * b, 1);
      const key = `unary:${expr}:${act.kind}`;
      const kernel = makeKernel(`${opType}${act.kind !== 'none' && !own ? `+${act.kind}` : ''}`, key, () => [
        storage(0, 'x', 'f32', false), storage(1, 'y', 'f32', true), uniformBlock(2), activation(act.kind),
        main1d(0, `  let v = x[i];\n  y[i] = activate(${expr});`),
      ].join(''), { workgroups: groups1d(count), uniforms: uniforms([count], act) });
      return { dispatches: [{ kernel, reads: [{ value: context.node.inputs[0] }], writes: [{ value: context.node.outputs[0] }] }] };
    },
  };
};

/** The WGSL expression converting `v` (stored as `from`) to `to`. */
function castExpr(from: DataType, to: DataType): string {
  if (to === 'bool') return from === 'float32' ? 'select(0i, 1i, v != 0.0)' : 'select(0i, 1i, v != 0i)';
  if (to === 'float32') return from === 'float32' ? 'v' : 'f32(v)';
  return from === 'float32' ? 'i32(trunc(v))' : 'v';
}

/** Cast between float32, int32, int64 (stored as its low 32 bits on the GPU) and bool. */
const compileCast: GpuOpFactory = (context) => ({
  plan(plan) {
    const x = plan.input(0)!;
    const y = plan.output(0);
    const count = x.dims.reduce((a, b) => a * b, 1);
    const [from, to] = [elementOf(x.dtype), elementOf(y.dtype)];
    const expr = castExpr(x.dtype, y.dtype);
    const kernel = makeKernel(`Cast ${x.dtype} to ${y.dtype}`, `cast:${from}:${to}:${expr}`, () => [
      storage(0, 'x', from, false), storage(1, 'y', to, true), uniformBlock(2),
      main1d(0, `  let v = x[i];\n  y[i] = ${expr};`),
    ].join(''), { workgroups: groups1d(count), uniforms: uniforms([count]) });
    return { dispatches: [{ kernel, reads: [{ value: context.node.inputs[0] }], writes: [{ value: context.node.outputs[0] }] }] };
  },
});

/**
 * Broadcasting binary ops. The output's dims are coalesced with both operands' strides (0 on broadcast axes):
 * operands of the output's shape take a flat kernel (four elements at a time when the count allows and the op
 * has a vector form); others map each output element to its operands through strides in the uniforms, with the
 * index arithmetic unrolled for the coalesced rank (at most {@link MAX_COPY_RANK}). Strided words: 0 count,
 * then the dims, the strides of a and the strides of b.
 */
const compileBinary: GpuOpFactory = (context) => {
  const { node } = context;
  const spec = BINARY[node.opType];
  if (node.inputs.length !== 2) return undefined; // variadic Max / Min with other arities run on the CPU
  return {
    plan(plan) {
      const a = plan.input(0)!, b = plan.input(1)!;
      const out = plan.output(0);
      if (a.dtype !== b.dtype || a.dtype === 'bool' || (a.dtype !== 'float32' && !spec.ints)) return undefined;
      const { dims, strides } = coalesce(out.dims, [broadcastStrides(a.dims, out.dims), broadcastStrides(b.dims, out.dims)]);
      const rank = dims.length;
      if (rank > MAX_COPY_RANK) return undefined;
      const element: Element = elementOf(a.dtype);
      const act = element === 'f32' ? context.activation : { kind: 'none' as const, alpha: 0, beta: 0 };
      const count = out.dims.reduce((x, y) => x * y, 1);
      const flat = rank === 1 && strides[0][0] === 1 && strides[1][0] === 1;
      const wide = flat && count % 4 === 0 && !spec.compare && node.opType !== 'Pow';
      const layout = wide ? 'vec4' : flat ? 'flat' : `strided${rank}`;
      const [unit, outUnit]: [StorageElement, StorageElement] = wide ? [`vec4<${element}>`, `vec4<${element}>`] : [element, spec.compare ? 'i32' : element];
      const words = flat ? [wide ? count / 4 : count] : [count, ...dims, ...strides[0], ...strides[1]];
      const body = flat ? '  let a = lhs[i];\n  let b = rhs[i];\n'
        : `${stridedOffsets(rank, 1, [1 + rank, 1 + 2 * rank])}  let a = lhs[u32(offset0)];\n  let b = rhs[u32(offset1)];\n`;
      const result = spec.compare || element === 'i32' ? spec.expr : `${wide ? 'activate4' : 'activate'}(${spec.expr})`;
      const kernel = makeKernel(`${node.opType}${act.kind !== 'none' ? `+${act.kind}` : ''}`, `binary:${node.opType}:${element}:${layout}:${act.kind}`, () => [
        storage(0, 'lhs', unit, false), storage(1, 'rhs', unit, false), storage(2, 'y', outUnit, true), uniformBlock(3),
        activation(act.kind), wide ? activate4 : '', node.opType === 'Pow' ? powSnippet : '',
        main1d(0, `${body}  y[i] = ${result};`),
      ].join(''), { workgroups: groups1d(words[0]), uniforms: uniforms(words, act) });
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }, { value: node.inputs[1] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** The elementwise GPU ops, by op type. */
export const elementwiseOps: Record<string, GpuOpFactory> = {
  ...Object.fromEntries([...Object.keys(UNARY), ...Object.keys(ACTIVATIONS)].map((op) => [op, compileUnary])),
  ...Object.fromEntries(Object.keys(BINARY).map((op) => [op, compileBinary])),
  Cast: compileCast,
};
