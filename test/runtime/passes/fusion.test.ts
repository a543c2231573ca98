import { expect } from 'chai';
import { createOnnxRuntimeModel } from '../../../src/onnxruntime/index.js';
import { ModelLoadError } from '../../../src/runtime/errors.js';
import type { Graph } from '../../../src/runtime/graph.js';
import { loadModel } from '../../../src/runtime/load-model.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import type { ModelInit } from '../../../src/runtime/onnx/build.js';
import { decodeModel } from '../../../src/runtime/onnx/decode-model.js';
import { FUSED_DOMAIN, fuseForCpu } from '../../../src/runtime/passes/fusion.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import { expectClose, uniform } from '../helpers.js';

const graphOf = (model: ModelInit): Graph => decodeModel(buildModel(model)).graph;
const ops = (graph: Graph): string[] => graph.nodes.map((n) => (n.domain ? `${n.domain}.${n.opType}` : n.opType));

/** Runs `model` on our CPU back end (fused) and on onnxruntime-web, and compares every output. */
async function expectSameAsOnnxRuntime(model: ModelInit, feeds: Record<string, Tensor>): Promise<void> {
  const bytes = buildModel(model);
  const ours = await loadModel(bytes, { backend: 'cpu' });
  const peer = await createOnnxRuntimeModel(bytes, { numThreads: 1 });
  try {
    const [got, want] = [await ours.run(feeds), await peer.run(feeds)];
    for (const name of Object.keys(want)) expectClose(got[name], want[name], name);
  } finally {
    ours.dispose();
    peer.dispose();
  }
}

/** Conv 3x3 (4 -> 4 channels, pad 1) then Add(residual) then `activation`. */
function residualBlock(activation: 'Relu' | 'Clip', residualDims = [1, 4, 5, 5]): ModelInit {
  return {
    nodes: [
      { opType: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['c'], attributes: { pads: [1, 1, 1, 1] }, name: 'conv' },
      { opType: 'Add', inputs: ['r', 'c'], outputs: ['s'], name: 'add' },
      activation === 'Relu'
        ? { opType: 'Relu', inputs: ['s'], outputs: ['y'], name: 'act' }
        : { opType: 'Clip', inputs: ['s', 'lo', 'hi'], outputs: ['y'], name: 'act' },
    ],
    inputs: [{ name: 'x', dtype: 'float32', dims: [1, 4, 5, 5] }, { name: 'r', dtype: 'float32', dims: residualDims }],
    outputs: [{ name: 'y', dtype: 'float32', dims: [1, 4, 5, 5] }],
    initializers: { w: uniform([4, 4, 3, 3], 1), b: uniform([4], 2), lo: new Tensor('float32', [-0.5], []), hi: new Tensor('float32', [0.75], []) },
  };
}

describe('fuseForCpu()', () => {
  it('fuses Conv -> Add(residual) -> Relu into one FusedConv with the residual as input 3', () => {
    const fused = fuseForCpu(graphOf(residualBlock('Relu')));
    expect(ops(fused)).to.deep.equal([`${FUSED_DOMAIN}.FusedConv`]);
    const [node] = fused.nodes;
    expect(node.inputs).to.deep.equal(['x', 'w', 'b', 'r']);
    expect(node.outputs).to.deep.equal(['y']);
    expect(node.attributes['activation']).to.equal('Relu');
  });
  it('fuses Clip with constant bounds, and Gemm -> Relu into FusedGemm', () => {
    const clip = fuseForCpu(graphOf(residualBlock('Clip'))).nodes[0];
    expect([clip.attributes['activation'], clip.attributes['activation_min'], clip.attributes['activation_max']]).to.deep.equal(['Clip', -0.5, 0.75]);
    const gemm = fuseForCpu(graphOf({
      nodes: [{ opType: 'Gemm', inputs: ['x', 'w'], outputs: ['h'] }, { opType: 'Relu', inputs: ['h'], outputs: ['y'] }],
      inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 3] }],
      outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 2] }],
      initializers: { w: uniform([3, 2], 3) },
    }));
    expect(ops(gemm)).to.deep.equal([`${FUSED_DOMAIN}.FusedGemm`]);
  });
  it('keeps a value that another node or the graph output reads', () => {
    const model = residualBlock('Relu');
    const graph = graphOf({ ...model, outputs: [...model.outputs, { name: 'c', dtype: 'float32', dims: [1, 4, 5, 5] }] });
    expect(ops(fuseForCpu(graph))).to.deep.equal(['Conv', 'Add', 'Relu']);
  });
  it('refuses a value written by two nodes, naming the node', () => {
    const graph = graphOf(residualBlock('Relu'));
    const twice = { ...graph, nodes: [...graph.nodes, { ...graph.nodes[2], name: 'again' }] };
    expect(() => fuseForCpu(twice)).to.throw(ModelLoadError, /node 'again' \(Relu\) writes 'y'/);
  });
  it('runs fused blocks as onnxruntime-web runs the unfused ones', async () => {
    const feeds = { x: uniform([1, 4, 5, 5], 4), r: uniform([1, 4, 5, 5], 5) };
    await expectSameAsOnnxRuntime(residualBlock('Relu'), feeds);
    await expectSameAsOnnxRuntime(residualBlock('Clip'), feeds);
  });
  it('adds a residual that only broadcasts to the output as the Add did', async () => {
    await expectSameAsOnnxRuntime(residualBlock('Relu', [1, 4, 1, 1]), { x: uniform([1, 4, 5, 5], 6), r: uniform([1, 4, 1, 1], 7) });
  });
});
