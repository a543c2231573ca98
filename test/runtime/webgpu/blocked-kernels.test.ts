/**
 * The register-blocked Conv, depthwise and GEMM kernels on shapes the shared kernel cases do not reach: partial
 * register blocks (channels, pixels, rows and columns past a multiple of the block), groups, 1-D windows,
 * dilations, asymmetric padding, batches, broadcast and folded MatMul batches, the tiled GEMM, fused activations.
 * Each graph runs on the WebGPU back end and on the CPU back end, which must agree.
 */
import type { AttributeValue, Graph, GraphNode } from '../../../src/runtime/graph.js';
import type { Tensor } from '../../../src/runtime/tensor.js';
import { uniform } from '../helpers.js';
import { describeGpu, expectGpuMatchesCpu, expectNoUncapturedErrors } from './gpu.js';

interface Case {
  readonly name: string;
  readonly op: string;
  readonly attributes?: Record<string, AttributeValue>;
  /** Input dims in operator order; the constant ones become initialisers (weights, bias). */
  readonly inputs: readonly (readonly number[])[];
  readonly constants: readonly number[];
  /** An activation node after the op (fused into its kernel on the GPU). */
  readonly activation?: 'Relu' | 'Sigmoid';
}

const conv = (name: string, x: number[], w: number[], attributes: Record<string, AttributeValue> = {}, activation?: Case['activation']): Case => ({
  name, op: 'Conv', attributes, inputs: [x, w, [w[0]]], constants: [1, 2], activation,
});

const CASES: readonly Case[] = [
  conv('pointwise, 10 channels (a partial channel block), 6 x 6 pixels (a partial pixel block)', [1, 5, 6, 6], [10, 5, 1, 1]),
  conv('pointwise, pixels not a multiple of 4, 7 channels', [2, 3, 5, 5], [7, 3, 1, 1], {}, 'Relu'),
  conv('pointwise with strides 2 (masked window)', [1, 4, 7, 7], [8, 4, 1, 1], { strides: [2, 2] }),
  conv('3 x 3, pads 1, 20 channels (two blocks of 16), batch 2, 7 x 9', [2, 6, 7, 9], [20, 6, 3, 3], { pads: [1, 1, 1, 1] }, 'Relu'),
  conv('5 x 5, strides 2, asymmetric pads (BlazeFace stem)', [1, 3, 16, 16], [24, 3, 5, 5], { strides: [2, 2], pads: [1, 1, 2, 2] }),
  conv('3 x 3, 3 groups of 2 -> 5 channels, dilations 2, pads 2', [1, 6, 10, 10], [15, 2, 3, 3], { group: 3, dilations: [2, 2], pads: [2, 2, 2, 2] }),
  conv('1-D, kernel 3, strides 2, 6 channels', [1, 4, 17], [6, 4, 3], { strides: [2] }, 'Sigmoid'),
  conv('auto_pad SAME_UPPER 2 x 2', [1, 3, 6, 5], [4, 3, 2, 2], { auto_pad: 'SAME_UPPER' }),
  conv('channel multiplier 2 (group 2, one input channel each)', [1, 2, 6, 6], [4, 1, 3, 3], { group: 2, pads: [1, 1, 1, 1] }),
  conv('depthwise 3 x 3, pads 1, output width a multiple of 4, batch 2', [2, 5, 8, 8], [5, 1, 3, 3], { group: 5, pads: [1, 1, 1, 1] }, 'Relu'),
  conv('depthwise 5 x 5, strides 2, pads 2, 11 x 13', [1, 3, 11, 13], [3, 1, 5, 5], { group: 3, strides: [2, 2], pads: [2, 2, 2, 2] }),
  conv('depthwise 3 x 3, strides 2, pads at the end only', [1, 4, 16, 16], [4, 1, 3, 3], { group: 4, strides: [2, 2], pads: [0, 0, 1, 1] }),
  conv('depthwise 3 x 3, dilations 2, no padding, 1-row output', [1, 2, 5, 12], [2, 1, 3, 3], { group: 2, dilations: [2, 2] }),
  { name: 'Gemm 13 x 7 x 10, transA, alpha, beta, a column C', op: 'Gemm', attributes: { transA: 1, alpha: 0.5, beta: 2 }, inputs: [[7, 13], [7, 10], [13, 1]], constants: [1, 2] },
  { name: 'Gemm 3 x 5 x 9 (rows), transB, B computed', op: 'Gemm', attributes: { transB: 1 }, inputs: [[3, 5], [9, 5], [9]], constants: [2], activation: 'Relu' },
  { name: 'MatMul broadcast batches [2, 3, 5, 6] x [3, 6, 7]', op: 'MatMul', inputs: [[2, 3, 5, 6], [3, 6, 7]], constants: [] },
  { name: 'MatMul batches folded into rows [4, 9, 8] x [8, 11]', op: 'MatMul', inputs: [[4, 9, 8], [8, 11]], constants: [1] },
  { name: 'MatMul 1-D x 2-D', op: 'MatMul', inputs: [[8], [8, 5]], constants: [] },
  { name: 'MatMul tiled 260 x 256 x 257', op: 'MatMul', inputs: [[260, 256], [256, 257]], constants: [1] },
];

function graphOf(c: Case): { graph: Graph; feeds: Record<string, Tensor> } {
  const names = c.inputs.map((_, i) => `in${i}`);
  const nodes: GraphNode[] = [{ name: 'op', opType: c.op, domain: '', inputs: names, outputs: [c.activation ? 'z' : 'y'], attributes: c.attributes ?? {} }];
  if (c.activation) nodes.push({ name: 'act', opType: c.activation, domain: '', inputs: ['z'], outputs: ['y'], attributes: {} });
  const constants = new Map<string, Tensor>();
  const feeds: Record<string, Tensor> = {};
  c.inputs.forEach((dims, i) => {
    const value = uniform(dims, 17 + i);
    if (c.constants.includes(i)) constants.set(names[i], value);
    else feeds[names[i]] = value;
  });
  const inputs = Object.entries(feeds).map(([name, t]) => ({ name, dtype: t.dtype, dims: t.dims }));
  return { graph: { nodes, constants, inputs, outputs: [{ name: 'y', dtype: 'float32', dims: [] }], opset: 17 }, feeds };
}

describeGpu('register-blocked Conv and GEMM kernels against the CPU back end (SwiftShader in Node)', (device) => {
  expectNoUncapturedErrors(device);

  for (const c of CASES) {
    it(`${c.op}: ${c.name}`, async () => {
      const { graph, feeds } = graphOf(c);
      await expectGpuMatchesCpu(device(), graph, feeds, c.name);
    });
  }
});
