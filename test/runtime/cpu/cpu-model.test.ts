import { expect } from 'chai';
import { CpuModel } from '../../../src/runtime/cpu/cpu-model.js';
import { cpuKernels } from '../../../src/runtime/cpu/ops/index.js';
import { InputMismatchError, KernelError, ModelDisposedError, ModelLoadError, UnsupportedOperatorError } from '../../../src/runtime/errors.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import type { ModelInit } from '../../../src/runtime/onnx/build.js';
import { decodeModel } from '../../../src/runtime/onnx/decode-model.js';
import { optimiseGraph } from '../../../src/runtime/passes/optimise.js';
import { Tensor } from '../../../src/runtime/tensor.js';

const cpuModel = (model: ModelInit): CpuModel => new CpuModel(optimiseGraph(decodeModel(buildModel(model)).graph, cpuKernels), cpuKernels);

const mlp: ModelInit = {
  nodes: [
    { opType: 'Gemm', inputs: ['x', 'w', 'b'], outputs: ['h'], attributes: { transB: 1 } },
    { opType: 'Relu', inputs: ['h'], outputs: ['y'] },
  ],
  inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 2] }],
  outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 3] }, { name: 'b', dtype: 'float32', dims: [3] }],
  initializers: { w: new Tensor('float32', [1, -2, 3, 4, 5, 6], [3, 2]), b: new Tensor('float32', [1, 0, -100]) },
};

describe('CpuModel', () => {
  describe('#run()', () => {
    it('runs the nodes and returns every output, constants included', async () => {
      const model = cpuModel(mlp);
      expect(model.backend).to.equal('cpu');
      const out = await model.run({ x: new Tensor('float32', [1, 1, 2, -3], [2, 2]) });
      expect([...out['y'].data]).to.deep.equal([0, 7, 0, 9, 0, 0]);
      expect(out['y'].dims).to.deep.equal([2, 3]);
      expect([...out['b'].data]).to.deep.equal([1, 0, -100]);
    });
    it('returns tensors the next run does not overwrite', async () => {
      const model = cpuModel(mlp);
      const first = await model.run({ x: new Tensor('float32', [1, 1], [1, 2]) });
      const copy = [...first['y'].data];
      first['b'].data[0] = 42;
      const second = await model.run({ x: new Tensor('float32', [5, 5], [1, 2]) });
      expect([...first['y'].data]).to.deep.equal(copy);
      expect(second['b'].data[0]).to.equal(1);
    });
    it('names the input, the expected and the got of a wrong feed', async () => {
      const model = cpuModel(mlp);
      const fail = (feeds: Record<string, unknown>): Promise<unknown> => model.run(feeds as Record<string, Tensor>).catch((e: unknown) => e);
      expect(await fail({})).to.be.instanceOf(InputMismatchError).with.property('message').match(/missing input 'x' \(float32 \[batch, 2\]\)/);
      expect(await fail({ x: new Tensor('int32', [1, 2], [1, 2]) })).to.have.property('message').match(/input 'x': expected dtype float32, got int32/);
      expect(await fail({ x: new Tensor('float32', [1, 2, 3], [1, 3]) })).to.have.property('message').match(/expected dims \[batch, 2\], got \[1, 3\]/);
      expect(await fail({ x: new Tensor('float32', [1, 2], [1, 2]), z: new Tensor('float32', [1]) })).to.have.property('message').match(/unknown input 'z'/);
    });
    it('reports a kernel failure as a KernelError naming the node', async () => {
      const model = cpuModel({
        nodes: [{ opType: 'Add', inputs: ['a', 'b'], outputs: ['y'], name: 'sum' }],
        inputs: [{ name: 'a', dtype: 'float32', dims: ['n'] }, { name: 'b', dtype: 'float32', dims: ['m'] }],
        outputs: [{ name: 'y', dtype: 'float32', dims: ['n'] }],
      });
      const error = await model.run({ a: new Tensor('float32', [1, 2]), b: new Tensor('float32', [1, 2, 3]) }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(KernelError).with.property('node', 'sum');
    });
  });

  it('lists every unsupported operator and node at load', () => {
    const build = (): CpuModel => cpuModel({
      nodes: [
        { opType: 'NonMaxSuppression', inputs: ['x'], outputs: ['a'], name: 'nms' },
        { opType: 'Relu', inputs: ['a'], outputs: ['b'] },
        { opType: 'FusedConv', domain: 'com.microsoft', inputs: ['b'], outputs: ['c'], name: 'fused' },
        { opType: 'NonMaxSuppression', inputs: ['c'], outputs: ['y'], name: 'nms2' },
      ],
      inputs: [{ name: 'x', dtype: 'float32', dims: [1] }],
      outputs: [{ name: 'y', dtype: 'float32', dims: [1] }],
      domains: { 'com.microsoft': 1 },
    });
    expect(build).to.throw(UnsupportedOperatorError, /NonMaxSuppression, com\.microsoft\.FusedConv.*'nms' \(NonMaxSuppression\), 'fused' \(com\.microsoft\.FusedConv\), 'nms2'/);
    try {
      build();
    } catch (error) {
      expect((error as UnsupportedOperatorError).ops).to.deep.equal(['NonMaxSuppression', 'com.microsoft.FusedConv']);
      expect((error as UnsupportedOperatorError).nodes.map((n) => n.node)).to.deep.equal(['nms', 'fused', 'nms2']);
    }
  });

  it('turns a kernel refusing its node into a ModelLoadError naming it', () => {
    const graph = decodeModel(buildModel({
      nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'], name: 'r' }],
      inputs: [{ name: 'x', dtype: 'float32', dims: [2] }],
      outputs: [{ name: 'y', dtype: 'float32', dims: [2] }],
    })).graph;
    const refusing = { Relu: ({ node }: { node: { name: string; opType: string } }) => { throw new KernelError(node, "attribute 'alpha' must be finite"); } };
    expect(() => new CpuModel(graph, refusing)).to.throw(ModelLoadError, /cannot compile Relu node 'r': attribute 'alpha'/);
  });

  it('#dispose() is idempotent and later runs reject', async () => {
    const model = cpuModel(mlp);
    model.dispose();
    model.dispose();
    const error = await model.run({ x: new Tensor('float32', [1, 1], [1, 2]) }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ModelDisposedError);
  });
});
