import { expect } from 'chai';
import { cpuKernels } from '../../../src/runtime/cpu/ops/index.js';
import { ModelLoadError } from '../../../src/runtime/errors.js';
import type { Graph, GraphNode } from '../../../src/runtime/graph.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import type { ModelInit } from '../../../src/runtime/onnx/build.js';
import { decodeModel } from '../../../src/runtime/onnx/decode-model.js';
import { batchSymbol } from '../../../src/runtime/passes/batch-dimension.js';
import { foldConstants } from '../../../src/runtime/passes/constant-folding.js';
import { removeDeadNodes } from '../../../src/runtime/passes/dead-nodes.js';
import { optimiseGraph } from '../../../src/runtime/passes/optimise.js';
import { topologicalSort } from '../../../src/runtime/passes/topological-sort.js';
import { Tensor } from '../../../src/runtime/tensor.js';

const graphOf = (model: ModelInit): Graph => decodeModel(buildModel(model)).graph;
const x = { name: 'x', dtype: 'float32', dims: ['batch', 3] } as const;
const y = { name: 'y', dtype: 'float32', dims: ['batch', 3] } as const;
const ops = (nodes: readonly GraphNode[]): string[] => nodes.map((n) => n.opType);

describe('graph passes', () => {
  describe('topologicalSort()', () => {
    it('orders nodes after their producers, keeping file order otherwise', () => {
      const graph = graphOf({
        nodes: [
          { opType: 'Add', inputs: ['a', 'b'], outputs: ['y'], name: 'add' },
          { opType: 'Relu', inputs: ['x'], outputs: ['a'], name: 'relu' },
          { opType: 'Neg', inputs: ['x'], outputs: ['b'], name: 'neg' },
        ],
        inputs: [x],
        outputs: [y],
      });
      expect(topologicalSort(graph).nodes.map((n) => n.name)).to.deep.equal(['relu', 'neg', 'add']);
    });
    it('names the node and the value that nothing produces', () => {
      const graph = graphOf({ nodes: [{ opType: 'Add', inputs: ['x', 'ghost'], outputs: ['y'], name: 'add' }], inputs: [x], outputs: [y] });
      expect(() => topologicalSort(graph)).to.throw(ModelLoadError, /node 'add' \(Add\) reads 'ghost'/);
    });
    it('names the nodes of a cycle', () => {
      const graph = graphOf({
        nodes: [{ opType: 'Add', inputs: ['x', 'b'], outputs: ['a'], name: 'n1' }, { opType: 'Relu', inputs: ['a'], outputs: ['b'], name: 'n2' }, { opType: 'Relu', inputs: ['b'], outputs: ['y'] }],
        inputs: [x],
        outputs: [y],
      });
      expect(() => topologicalSort(graph)).to.throw(ModelLoadError, /cycle through nodes 'n1' \(Add\), 'n2' \(Relu\)/);
    });
    it('rejects a value produced twice', () => {
      const graph = graphOf({ nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'], name: 'a' }, { opType: 'Relu', inputs: ['x'], outputs: ['y'], name: 'b' }], inputs: [x], outputs: [y] });
      expect(() => topologicalSort(graph)).to.throw(ModelLoadError, /node 'b' \(Relu\) produces 'y', which node 'a' produces too/);
    });
  });

  describe('foldConstants()', () => {
    it('folds Constant nodes and every node of constant inputs through the CPU kernels', () => {
      const graph = graphOf({
        nodes: [
          { opType: 'Constant', inputs: [], outputs: ['two'], attributes: { value: new Tensor('float32', [2, 2, 2]) } },
          { opType: 'Mul', inputs: ['two', 'w'], outputs: ['w2'] },
          { opType: 'Add', inputs: ['x', 'w2'], outputs: ['y'] },
        ],
        inputs: [x],
        outputs: [y],
        initializers: { w: new Tensor('float32', [1, 2, 3]) },
      });
      const folded = foldConstants(graph, cpuKernels);
      expect(ops(folded.nodes)).to.deep.equal(['Add']);
      expect([...folded.constants.get('w2')!.data]).to.deep.equal([2, 4, 6]);
    });
    it('folds Shape of a static input and ConstantOfShape chains', () => {
      const graph = graphOf({
        nodes: [
          { opType: 'Shape', inputs: ['x'], outputs: ['s'] },
          { opType: 'ConstantOfShape', inputs: ['s'], outputs: ['z'], attributes: { value: new Tensor('float32', [1], [1]) } },
          { opType: 'Add', inputs: ['x', 'z'], outputs: ['y'] },
        ],
        inputs: [{ name: 'x', dtype: 'float32', dims: [2, 3] }],
        outputs: [{ name: 'y', dtype: 'float32', dims: [2, 3] }],
      });
      const folded = foldConstants(graph, cpuKernels);
      expect(ops(folded.nodes)).to.deep.equal(['Add']);
      expect([...folded.constants.get('s')!.data]).to.deep.equal([2n, 3n]);
      expect(folded.constants.get('z')!.dims).to.deep.equal([2, 3]);
    });
    it('keeps Shape of a symbolic input and random nodes', () => {
      const graph = graphOf({
        nodes: [{ opType: 'Shape', inputs: ['x'], outputs: ['s'] }, { opType: 'RandomNormalLike', inputs: ['w'], outputs: ['r'] }],
        inputs: [x],
        outputs: [{ name: 's', dtype: 'int64', dims: [2] }, { name: 'r', dtype: 'float32', dims: [3] }],
        initializers: { w: new Tensor('float32', [1, 2, 3]) },
      });
      expect(ops(foldConstants(graph, cpuKernels).nodes)).to.deep.equal(['Shape', 'RandomNormalLike']);
    });
    it('inlines the branch an If with a constant condition takes', () => {
      const branch = (value: number): Graph => graphOf({
        nodes: [{ opType: 'Add', inputs: ['x', 'k'], outputs: ['out'] }],
        inputs: [],
        outputs: [{ name: 'out', dtype: 'float32', dims: ['batch', 3] }],
        initializers: { k: new Tensor('float32', [value]) },
      });
      const graph = graphOf({ nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [x], outputs: [y], initializers: { cond: new Tensor('bool', [1]) } });
      const ifNode: GraphNode = { name: 'if', opType: 'If', domain: '', inputs: ['cond'], outputs: ['y'], attributes: { then_branch: branch(1), else_branch: branch(-1) } };
      const folded = foldConstants({ ...graph, nodes: [ifNode] }, cpuKernels);
      expect(ops(folded.nodes)).to.deep.equal(['Add', 'Identity']);
      expect(folded.nodes[0].inputs).to.deep.equal(['x', 'if/k']);
      expect([...folded.constants.get('if/k')!.data]).to.deep.equal([1]);
    });
  });

  describe('removeDeadNodes()', () => {
    it('drops the nodes and constants no output needs', () => {
      const graph = graphOf({
        nodes: [{ opType: 'Add', inputs: ['x', 'w'], outputs: ['unused'] }, { opType: 'Relu', inputs: ['x'], outputs: ['y'] }],
        inputs: [x],
        outputs: [y],
        initializers: { w: new Tensor('float32', [1, 2, 3]) },
      });
      const pruned = removeDeadNodes(graph);
      expect(ops(pruned.nodes)).to.deep.equal(['Relu']);
      expect(pruned.constants.size).to.equal(0);
    });
  });

  it('optimiseGraph() sorts, folds and prunes', () => {
    const graph = graphOf({
      nodes: [{ opType: 'Relu', inputs: ['h'], outputs: ['y'] }, { opType: 'Sqrt', inputs: ['w'], outputs: ['nw'] }, { opType: 'Add', inputs: ['x', 'nw'], outputs: ['h'] }, { opType: 'Exp', inputs: ['x'], outputs: ['dead'] }],
      inputs: [x],
      outputs: [y],
      initializers: { w: new Tensor('float32', [1, 2, 3]) },
    });
    const optimised = optimiseGraph(graph, cpuKernels);
    expect(ops(optimised.nodes)).to.deep.equal(['Add', 'Relu']);
    expect([...optimised.constants.keys()]).to.deep.equal(['nw']);
  });

  it('batchSymbol() finds the leading symbol shared by every input', () => {
    expect(batchSymbol([{ name: 'a', dtype: 'float32', dims: ['batch', 8] }, { name: 'b', dtype: 'float32', dims: ['batch', 2, 3] }])).to.equal('batch');
    expect(batchSymbol([{ name: 'a', dtype: 'float32', dims: ['batch', 8] }, { name: 'b', dtype: 'float32', dims: ['n', 2] }])).to.equal(undefined);
    expect(batchSymbol([{ name: 'a', dtype: 'float32', dims: [1, 8] }])).to.equal(undefined);
  });
});
