import { expect } from 'chai';
import { cpuKernels } from '../../../src/runtime/cpu/ops/index.js';
import { decodeModel } from '../../../src/runtime/onnx/decode-model.js';
import { optimiseGraph } from '../../../src/runtime/passes/optimise.js';
import { fuseGraph } from '../../../src/runtime/webgpu/fusion.js';
import type { FusedNode } from '../../../src/runtime/webgpu/fusion.js';
import { MLP_MAX_WIDTH } from '../../../src/runtime/webgpu/mlp-chain.js';
import { readBytes } from '../helpers.js';
import { mlpChainModel } from './mlp-models.js';

function fusedNodes(bytes: Uint8Array): readonly FusedNode[] {
  return fuseGraph(optimiseGraph(decodeModel(bytes).graph, cpuKernels)).nodes;
}

const mlps = (nodes: readonly FusedNode[]): FusedNode[] => nodes.filter((n) => n.mlp);

describe('fused MLP chains (WebGPU fusion)', () => {
  it('fuses Gemm + Relu + Gemm into one node keeping every original node for the CPU', () => {
    const [mlp, ...rest] = mlps(fusedNodes(mlpChainModel(6, [{ outputs: 9, activation: 'Relu' }, { outputs: 3 }])));
    expect(rest).to.have.length(0);
    expect(mlp.node.opType).to.equal('FusedMlp');
    expect(mlp.node.inputs).to.deep.equal(['x']);
    expect(mlp.parts.map((p) => p.opType)).to.deep.equal(['Gemm', 'Relu', 'Gemm']);
    const layers = mlp.mlp!.layers;
    expect(layers.map((l) => [l.inputs, l.outputs, l.activation.kind])).to.deep.equal([[6, 9, 'relu'], [9, 3, 'none']]);
  });

  it('reads transposed weights, alpha and beta, MatMul + Add biases and swish', () => {
    const [mlp] = mlps(fusedNodes(mlpChainModel(4, [
      { outputs: 5, form: 'gemm-plain', activation: 'Swish' }, { outputs: 6, form: 'matmul-add', activation: 'Tanh' }, { outputs: 2 },
    ])));
    const layers = mlp.mlp!.layers;
    expect(layers.map((l) => l.activation.kind)).to.deep.equal(['swish', 'tanh', 'none']);
    expect(mlp.parts.map((p) => p.opType)).to.deep.equal(['Gemm', 'Sigmoid', 'Mul', 'MatMul', 'Add', 'Tanh', 'Gemm']);
    // 'gemm-plain' has alpha 0.5 and beta 2: W and b are scaled at load.
    const bytes = mlpChainModel(4, [{ outputs: 5, form: 'gemm-plain' }, { outputs: 2 }]);
    const graph = optimiseGraph(decodeModel(bytes).graph, cpuKernels);
    const [layer] = mlps(fuseGraph(graph).nodes)[0].mlp!.layers;
    expect(layer.weights[7]).to.be.closeTo(0.5 * Number(graph.constants.get('w0')!.data[7]), 1e-7);
    expect(layer.bias[3]).to.be.closeTo(2 * Number(graph.constants.get('b0')!.data[3]), 1e-7);
  });

  it("fuses ML-Agents 3DBall's body and action head (swish, swish, none)", () => {
    const [mlp, ...rest] = mlps(fusedNodes(readBytes('assets/models/ml-agents/3DBall.onnx')));
    expect(rest).to.have.length(0);
    expect(mlp.mlp!.layers.map((l) => [l.inputs, l.outputs, l.activation.kind])).to.deep.equal([[8, 128, 'swish'], [128, 128, 'swish'], [128, 2, 'none']]);
  });

  it('leaves chains alone where an intermediate value is a graph output or another node reads it', () => {
    expect(mlps(fusedNodes(mlpChainModel(4, [{ outputs: 5, activation: 'Relu' }, { outputs: 2 }], { extraOutput: 'a0' })))).to.have.length(0);
    expect(mlps(fusedNodes(mlpChainModel(4, [{ outputs: 5 }, { outputs: 2 }], { extraOutput: 'h0' })))).to.have.length(0);
  });

  it(`leaves single layers and layers wider than ${MLP_MAX_WIDTH} to the general kernels`, () => {
    expect(mlps(fusedNodes(mlpChainModel(4, [{ outputs: 5, activation: 'Relu' }])))).to.have.length(0);
    const wide = fusedNodes(mlpChainModel(4, [{ outputs: 5, activation: 'Relu' }, { outputs: 3 }, { outputs: MLP_MAX_WIDTH + 1 }]));
    expect(mlps(wide).map((n) => n.parts.map((p) => p.opType))).to.deep.equal([['Gemm', 'Relu', 'Gemm']]);
    expect(wide.filter((n) => n.node.opType === 'Gemm')).to.have.length(1);
  });
});
