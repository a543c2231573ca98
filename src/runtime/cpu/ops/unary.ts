import type { CompiledKernel, KernelContext, KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';

/** One float32 unary op over `n` elements; `alpha` is the op's parameter where it has one. */
type UnaryRow = (x: Float32Array, out: Float32Array, n: number, alpha: number) => void;

interface UnaryOp {
  readonly row: UnaryRow;
  /** The attribute read into `alpha`, with its ONNX default. */
  readonly alpha?: readonly [name: string, fallback: number];
}

/** The float32 unary activations and maths functions, by op type. */
const OPS: Record<string, UnaryOp> = {
  Sqrt: { row: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.sqrt(x[i]); } },
  Exp: { row: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]); } },
  Log: { row: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.log(x[i]); } },
  Tanh: { row: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]); } },
  Sigmoid: { row: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = 1 / (1 + Math.exp(-x[i])); } },
  Relu: { row: (x, o, n) => { for (let i = 0; i < n; i++) { const v = x[i]; o[i] = v > 0 ? v : 0; } } },
  LeakyRelu: {
    row: (x, o, n, alpha) => { for (let i = 0; i < n; i++) { const v = x[i]; o[i] = v >= 0 ? v : v * alpha; } },
    alpha: ['alpha', 0.01],
  },
};

function compileUnary(context: KernelContext): CompiledKernel {
  const reader = new NodeReader(context);
  const op = OPS[context.node.opType];
  if (!op) throw reader.error('is not a unary elementwise op');
  const alpha = op.alpha ? reader.float(op.alpha[0], op.alpha[1]) : 0;
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      const y = slot.get('float32', x.dims);
      op.row(x.data, y.data, x.size, alpha);
      return [y];
    },
  };
}

/** Kernel factories of the float32 unary ops (Sqrt Exp Log Tanh Sigmoid Relu LeakyRelu), by op type. */
export const unaryKernels: Record<string, KernelFactory> = Object.fromEntries(Object.keys(OPS).map((name) => [name, compileUnary]));
