import { expect } from 'chai';
import type { Graph } from '../../../src/runtime/graph.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import type { ModelInit, NodeInit } from '../../../src/runtime/onnx/build.js';
import { decodeModel } from '../../../src/runtime/onnx/decode-model.js';
import { FUSED_DOMAIN, fuseForCpu } from '../../../src/runtime/passes/fusion.js';
import { CHAIN_LAYERS, chainGemms } from '../../../src/runtime/passes/gemm-chain.js';
import { uniform } from '../helpers.js';

const chained = (model: ModelInit): Graph => chainGemms(fuseForCpu(decodeModel(buildModel(model)).graph));
const ops = (graph: Graph): string[] => graph.nodes.map((n) => n.opType);

/** x [batch, 4] -> Gemm 'first' (w1, b1) -> Relu -> `between` nodes -> Gemm 'second' (w2, changed by `second`) -> `after`. */
function mlp(second: Partial<NodeInit> = {}, { between = [] as NodeInit[], after = [] as NodeInit[], outputs = ['y'] } = {}): ModelInit {
  return {
    nodes: [
      { opType: 'Gemm', inputs: ['x', 'w1', 'b1'], outputs: ['h'], name: 'first' },
      { opType: 'Relu', inputs: ['h'], outputs: ['a'] },
      ...between,
      { opType: 'Gemm', inputs: ['a', 'w2'], outputs: ['y'], name: 'second', ...second },
      ...after,
    ],
    inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 4] }, { name: 'v', dtype: 'float32', dims: [3, 2] }],
    outputs: outputs.map((name) => ({ name, dtype: 'float32', dims: ['batch', 2] })),
    initializers: { w1: uniform([4, 3], 1), b1: uniform([3], 2), w2: uniform([3, 2], 3) },
  };
}

describe('chainGemms()', () => {
  it('chains Gemms with constant weights that feed one another into one FusedGemmChain', () => {
    const graph = chained(mlp());
    expect(ops(graph)).to.deep.equal(['FusedGemmChain']);
    const [node] = graph.nodes;
    expect([node.domain, node.name]).to.deep.equal([FUSED_DOMAIN, 'first']);
    expect(node.inputs).to.deep.equal(['x', 'w1', 'b1', 'w2', '']);
    expect(node.outputs).to.deep.equal(['y']);
    const layers = (node.attributes[CHAIN_LAYERS] as Graph).nodes;
    expect(layers.map((l) => [l.opType, l.name, l.attributes['activation']])).to.deep.equal([['FusedGemm', 'first', 'Relu'], ['Gemm', 'second', undefined]]);
  });
  it('keeps a value another node or the graph output reads, and a transposed or computed A or B', () => {
    const read = chained(mlp({}, { after: [{ opType: 'Neg', inputs: ['a'], outputs: ['n'] }], outputs: ['y', 'n'] }));
    expect(ops(read)).to.deep.equal(['FusedGemm', 'Gemm', 'Neg']);
    expect(ops(chained(mlp({}, { outputs: ['y', 'a'] })))).to.deep.equal(['FusedGemm', 'Gemm']);
    expect(ops(chained(mlp({ attributes: { transA: 1 } })))).to.deep.equal(['FusedGemm', 'Gemm']);
    expect(ops(chained(mlp({ inputs: ['a', 'v'] })))).to.deep.equal(['FusedGemm', 'Gemm']);
  });
  it('places the chain where its last layer was, after the nodes in between, and chains a transposed first A', () => {
    const graph = chained(mlp({}, { between: [{ opType: 'Neg', inputs: ['v'], outputs: ['n'] }], after: [{ opType: 'Gemm', inputs: ['y', 'n'], outputs: ['z'] }], outputs: ['z'] }));
    expect(ops(graph)).to.deep.equal(['Neg', 'FusedGemmChain', 'Gemm']);
    expect(graph.nodes[1].inputs[0]).to.equal('x');
    expect(chainGemms(graph)).to.equal(graph);
    const transposed = mlp();
    const first = { ...transposed.nodes[0], attributes: { transA: 1 } };
    expect(ops(chained({ ...transposed, nodes: [first, ...transposed.nodes.slice(1)] }))).to.deep.equal(['FusedGemmChain']);
  });
});
