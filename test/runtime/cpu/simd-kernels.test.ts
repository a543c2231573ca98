import { expect } from 'chai';
import { createOnnxRuntimeModel } from '../../../src/onnxruntime/index.js';
import { cpuKernels } from '../../../src/runtime/cpu/ops/index.js';
import type { AttributeInit, ModelInit } from '../../../src/runtime/onnx/build.js';
import { loadModel } from '../../../src/runtime/load-model.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import { expectClose, uniform } from '../helpers.js';

/** x -> Conv (constant weights and bias) -> Relu to y of dims `y`, with a residual r (dims `y`) added before the Relu. */
function conv(x: readonly number[], w: readonly number[], y: readonly number[], attributes: Record<string, AttributeInit>, residual = false): ModelInit {
  return {
    nodes: [
      { opType: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['c'], attributes },
      ...(residual ? [{ opType: 'Add', inputs: ['c', 'r'], outputs: ['s'] }] : []),
      { opType: 'Relu', inputs: [residual ? 's' : 'c'], outputs: ['y'] },
    ],
    inputs: [{ name: 'x', dtype: 'float32', dims: x }, ...(residual ? [{ name: 'r', dtype: 'float32' as const, dims: y }] : [])],
    outputs: [{ name: 'y', dtype: 'float32', dims: y }],
    initializers: { w: uniform(w, 1), b: uniform([w[0]], 2) },
  };
}

/** x -> MaxPool 2x2 stride 2 -> y. */
function maxPool(x: readonly number[], y: readonly number[]): ModelInit {
  return {
    nodes: [{ opType: 'MaxPool', inputs: ['x'], outputs: ['y'], attributes: { kernel_shape: [2, 2], strides: [2, 2] } }],
    inputs: [{ name: 'x', dtype: 'float32', dims: x }],
    outputs: [{ name: 'y', dtype: 'float32', dims: y }],
  };
}

/** Runs `model` on our CPU back end (its SIMD kernels here) and on onnxruntime-web, and compares y. */
async function expectSameAsOnnxRuntime(model: ModelInit, feeds: Record<string, Tensor>): Promise<void> {
  const bytes = buildModel(model);
  const ours = await loadModel(bytes, { backend: 'cpu' });
  const peer = await createOnnxRuntimeModel(bytes, { numThreads: 1 });
  try {
    expectClose((await ours.run(feeds))['y'], (await peer.run(feeds))['y'], 'y');
  } finally {
    ours.dispose();
    peer.dispose();
  }
}

describe('Conv and MaxPool on the SIMD kernels', () => {
  it('im2col: strides, dilations, asymmetric pads and groups over two images', async () => {
    const attributes = { group: 2, strides: [2, 3], dilations: [2, 1], pads: [2, 0, 1, 3] };
    await expectSameAsOnnxRuntime(conv([2, 4, 11, 13], [6, 2, 3, 2], [2, 6, 5, 5], attributes), { x: uniform([2, 4, 11, 13], 3) });
  });
  it('im2col: a 1-D conv with stride 2', async () => {
    await expectSameAsOnnxRuntime(conv([1, 3, 17], [5, 3, 4], [1, 5, 9], { strides: [2], pads: [1, 2] }), { x: uniform([1, 3, 17], 4) });
  });
  it('depthwise 3x3 stride 2 and stride 1, output rows not a multiple of 4, with a residual', async () => {
    const cases = [[2, [1, 0, 1, 1], 13, 11, 7, 5], [2, [0, 0, 1, 1], 16, 16, 8, 8], [1, [1, 1, 1, 1], 7, 9, 7, 9]] as const;
    for (const [stride, pads, h, w, oh, ow] of cases) {
      const model = conv([2, 5, h, w], [5, 1, 3, 3], [2, 5, oh, ow], { group: 5, strides: [stride, stride], pads }, true);
      await expectSameAsOnnxRuntime(model, { x: uniform([2, 5, h, w], 5), r: uniform([2, 5, oh, ow], 6) });
    }
  });
  it('MaxPool 2x2 stride 2: planes of odd and even heights, output rows not a multiple of 4', async () => {
    await expectSameAsOnnxRuntime(maxPool([2, 3, 9, 13], [2, 3, 4, 6]), { x: uniform([2, 3, 9, 13], 7) });
    await expectSameAsOnnxRuntime(maxPool([1, 4, 8, 20], [1, 4, 4, 10]), { x: uniform([1, 4, 8, 20], 8) });
  });
  it('MaxPool 2x2 stride 2 skips NaN taps as the loop does (-Infinity when all are NaN)', () => {
    const node = { name: 'pool', opType: 'MaxPool', domain: '', inputs: ['x'], outputs: ['y'], attributes: { kernel_shape: [2, 2], strides: [2, 2] } };
    const x = new Tensor('float32', [NaN, 1, 2, NaN, NaN, NaN, 3, NaN, NaN, NaN, NaN, NaN], [1, 1, 2, 6]);
    const [y] = cpuKernels['MaxPool']({ node, opset: 17, constantInput: () => undefined }).run([x]);
    expect([...y.data]).to.deep.equal([3, 2, -Infinity]);
  });
});
