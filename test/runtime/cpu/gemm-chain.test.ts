import { expect } from 'chai';
import { createOnnxRuntimeModel } from '../../../src/onnxruntime/index.js';
import { KernelError } from '../../../src/runtime/errors.js';
import { loadModel } from '../../../src/runtime/load-model.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import type { ModelInit, NodeInit } from '../../../src/runtime/onnx/build.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import { expectClose, uniform } from '../helpers.js';

/**
 * x [batch, 5] through Gemm layers of odd widths (5 -> 13 -> 7 -> 3, none a multiple of the panel width) with
 * transposed and plain weights, alpha and beta, a row, scalar and absent C, and Relu and Clip (a lower bound above
 * zero, which the padding columns must not leak); `first` changes the first layer, after the `before` nodes.
 */
function mlp(batch: number | string, first: Partial<NodeInit> = {}, before: NodeInit[] = []): ModelInit {
  return {
    nodes: [
      ...before,
      { opType: 'Gemm', inputs: ['x', 'w1', 'b1'], outputs: ['h1'], attributes: { transB: 1, alpha: { float: 0.5 } }, ...first },
      { opType: 'Clip', inputs: ['h1', 'lo', 'hi'], outputs: ['a1'] },
      { opType: 'Gemm', inputs: ['a1', 'w2', 'b2'], outputs: ['h2'], attributes: { beta: { float: 2 } } },
      { opType: 'Relu', inputs: ['h2'], outputs: ['a2'] },
      { opType: 'Gemm', inputs: ['a2', 'w3'], outputs: ['y'], attributes: { transB: 1 } },
    ],
    inputs: [{ name: 'x', dtype: 'float32', dims: [batch, 5] }],
    outputs: [{ name: 'y', dtype: 'float32', dims: [batch, 3] }],
    initializers: {
      w1: uniform([13, 5], 1), b1: uniform([13], 2), w2: uniform([13, 7], 3), b2: new Tensor('float32', [0.25], []), w3: uniform([3, 7], 4),
      lo: new Tensor('float32', [0.125], []), hi: new Tensor('float32', [0.75], []),
    },
  };
}

/** Runs `model` on our CPU back end and on onnxruntime-web for each feed of x, and compares y. */
async function expectSameAsOnnxRuntime(model: ModelInit, xs: readonly Tensor[]): Promise<void> {
  const bytes = buildModel(model);
  const ours = await loadModel(bytes, { backend: 'cpu' });
  const peer = await createOnnxRuntimeModel(bytes, { numThreads: 1 });
  try {
    for (const x of xs) expectClose((await ours.run({ x }))['y'], (await peer.run({ x }))['y'], `y of [${x.dims.join(', ')}]`);
  } finally {
    ours.dispose();
    peer.dispose();
  }
}

describe('FusedGemmChain on the CPU', () => {
  it('runs an MLP as onnxruntime-web does, at batch 1, in partial row blocks and across chunks of rows', async () => {
    await expectSameAsOnnxRuntime(mlp('batch'), [uniform([1, 5], 5), uniform([3, 5], 6), uniform([2500, 5], 7)]);
  });
  it('runs a transposed first A', async () => {
    const transpose: NodeInit = { opType: 'Transpose', inputs: ['x'], outputs: ['xt'] };
    await expectSameAsOnnxRuntime(mlp(6, { inputs: ['xt', 'w1', 'b1'], attributes: { transA: 1, transB: 1 } }, [transpose]), [uniform([6, 5], 8)]);
  });
  it('runs layer by layer a first layer whose C is a full matrix', async () => {
    const model = mlp(2, { inputs: ['x', 'w1', 'c1'] });
    await expectSameAsOnnxRuntime({ ...model, initializers: { ...model.initializers, c1: uniform([2, 13], 9) } }, [uniform([2, 5], 10)]);
  });
  it('returns a new tensor each run and names the first layer when A does not fit', async () => {
    const model = await loadModel(buildModel({ ...mlp('batch', { name: 'input_layer' }), inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 'k'] }] }), { backend: 'cpu' });
    const first = await model.run({ x: uniform([1, 5], 11) });
    const copy = [...first['y'].data];
    await model.run({ x: uniform([1, 5], 12) });
    expect([...first['y'].data]).to.deep.equal(copy);
    const error = await model.run({ x: uniform([1, 4], 13) }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(KernelError).with.property('node', 'input_layer');
    expect((error as Error).message).to.match(/inner dimensions differ: A \[1, 4\]/);
  });
});
