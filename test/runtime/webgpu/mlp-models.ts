/** ONNX models of dense chains for the fused-MLP tests: built with the project's encoder from seeded weights. */
import { buildModel } from '../../../src/runtime/onnx/build.js';
import type { NodeInit } from '../../../src/runtime/onnx/build.js';
import type { Tensor } from '../../../src/runtime/tensor.js';
import { uniform } from '../helpers.js';

/** A dense layer: its width out, how it is expressed, and what follows it. */
export interface LayerSpec {
  readonly outputs: number;
  /** 'gemm' (transB 1, like PyTorch), 'gemm-plain' (transB 0, alpha 0.5, beta 2, a [1, N] bias) or 'matmul-add'. */
  readonly form?: 'gemm' | 'gemm-plain' | 'matmul-add';
  /** An activation node after it: an ONNX op type, or 'Swish' for Mul(h, Sigmoid(h)). */
  readonly activation?: 'Relu' | 'LeakyRelu' | 'Sigmoid' | 'Tanh' | 'Clip' | 'Swish';
}

function layerNodes(spec: LayerSpec, l: number, input: string, k: number, initializers: Record<string, Tensor>): { nodes: NodeInit[]; output: string } {
  const form = spec.form ?? 'gemm';
  const n = spec.outputs;
  const [w, b, h] = [`w${l}`, `b${l}`, `h${l}`];
  const nodes: NodeInit[] = [];
  if (form === 'matmul-add') {
    initializers[w] = uniform([k, n], 100 + l, -0.4, 0.4);
    initializers[b] = uniform([n], 200 + l, -0.2, 0.2);
    nodes.push({ opType: 'MatMul', inputs: [input, w], outputs: [`m${l}`] }, { opType: 'Add', inputs: [b, `m${l}`], outputs: [h] });
  } else {
    const plain = form === 'gemm-plain';
    initializers[w] = uniform(plain ? [k, n] : [n, k], 100 + l, -0.4, 0.4);
    initializers[b] = uniform(plain ? [1, n] : [n], 200 + l, -0.2, 0.2);
    nodes.push({ opType: 'Gemm', inputs: [input, w, b], outputs: [h], attributes: plain ? { alpha: { float: 0.5 }, beta: { float: 2 } } : { transB: 1 } });
  }
  const out = `a${l}`;
  switch (spec.activation) {
    case undefined: return { nodes, output: h };
    case 'Swish':
      nodes.push({ opType: 'Sigmoid', inputs: [h], outputs: [`s${l}`] }, { opType: 'Mul', inputs: [h, `s${l}`], outputs: [out] });
      break;
    case 'LeakyRelu':
      nodes.push({ opType: 'LeakyRelu', inputs: [h], outputs: [out], attributes: { alpha: { float: 0.1 } } });
      break;
    case 'Clip':
      nodes.push({ opType: 'Clip', inputs: [h, 'lo', 'hi'], outputs: [out] });
      break;
    default:
      nodes.push({ opType: spec.activation, inputs: [h], outputs: [out] });
  }
  return { nodes, output: out };
}

/** An MLP from `inputs` features through `layers`; input 'x' ([batch, inputs], or with `leading` dims for MatMul), output 'y'. */
export function mlpChainModel(inputs: number, layers: readonly LayerSpec[], options: { leading?: readonly (number | string)[]; extraOutput?: string } = {}): Uint8Array {
  const initializers: Record<string, Tensor> = { lo: uniform([], 1, -0.5, -0.5), hi: uniform([], 1, 0.3, 0.3) };
  const nodes: NodeInit[] = [];
  let value = 'x', k = inputs;
  layers.forEach((spec, l) => {
    const built = layerNodes(spec, l, value, k, initializers);
    nodes.push(...built.nodes);
    value = built.output;
    k = spec.outputs;
  });
  nodes.push({ opType: 'Identity', inputs: [value], outputs: ['y'] });
  const leading = options.leading ?? ['batch'];
  return buildModel({
    nodes, initializers,
    inputs: [{ name: 'x', dtype: 'float32', dims: [...leading, inputs] }],
    outputs: [{ name: 'y', dtype: 'float32', dims: [...leading, k] }, ...(options.extraOutput ? [{ name: options.extraOutput, dtype: 'float32' as const, dims: [...leading, null] }] : [])],
  });
}
