import { expect } from 'chai';
import { ModelLoadError, UnsupportedOperatorError } from '../../src/runtime/errors.js';
import type { SelectedModel } from '../../src/runtime/backend-selection.js';
import { loadModel } from '../../src/runtime/load-model.js';
import { buildModel } from '../../src/runtime/onnx/build.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { rejection } from '../helpers/rejection.js';

const relu = buildModel({
  nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }],
  inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 4] }],
  outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 4] }],
});
/** Erf has no CPU kernel; onnxruntime runs it. */
const erf = buildModel({
  nodes: [{ opType: 'Erf', inputs: ['x'], outputs: ['y'], name: 'erf' }],
  inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 4] }],
  outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 4] }],
});
const x = new Tensor('float32', [-1, 2, -3, 4], [1, 4]);

describe('loadModel()', () => {
  it("runs a model on the 'cpu' back end", async () => {
    const model = await loadModel(relu, { backend: 'cpu' });
    expect(model.backend).to.equal('cpu');
    expect(model.inputs).to.deep.equal([{ name: 'x', dtype: 'float32', dims: ['batch', 4] }]);
    expect([...(await model.run({ x }))['y'].data]).to.deep.equal([0, 2, 0, 4]);
    model.dispose();
  });

  it("loads onnxruntime-web only for the 'onnxruntime' back end", async () => {
    const model = await loadModel(relu.buffer as ArrayBuffer, { backend: 'onnxruntime' });
    expect(model.backend).to.equal('onnxruntime');
    expect([...(await model.run({ x }))['y'].data]).to.deep.equal([0, 2, 0, 4]);
    model.dispose();
  });

  it("says when the 'webgpu' back end has no device (Node without WebGPU globals)", async () => {
    const error = await rejection(loadModel(relu, { backend: 'webgpu' }));
    expect(error).to.be.instanceOf(ModelLoadError).with.property('message').match(/'webgpu' back end/);
    expect((error as Error).cause).to.have.property('name', 'WebGpuUnavailableError');
  });

  it("'auto' times each available back end and keeps the fastest", async () => {
    const model = (await loadModel(relu, { autoBatchSize: 8, autoBudgetMs: 20 })) as SelectedModel;
    const { selection } = model;
    expect(selection.batchSize).to.equal(8);
    expect(selection.timings.cpu!.ms).to.be.a('number');
    expect(selection.timings.onnxruntime!.ms).to.be.a('number');
    expect(selection.timings.webgpu!.error).to.match(/not available/);
    const fastest = (['cpu', 'onnxruntime'] as const).reduce((a, b) => (selection.timings[a]!.ms! <= selection.timings[b]!.ms! ? a : b));
    expect(selection.backend).to.equal(fastest);
    expect(model.backend).to.equal(fastest);
    expect([...(await model.run({ x }))['y'].data]).to.deep.equal([0, 2, 0, 4]);
    model.dispose();
    model.dispose();
  });

  it("'auto' routes a model with operators the CPU lacks to onnxruntime", async () => {
    const model = (await loadModel(erf, { autoBudgetMs: 5 })) as SelectedModel;
    expect(model.backend).to.equal('onnxruntime');
    expect(model.selection.timings.cpu!.error).to.match(/UnsupportedOperatorError.*Erf/);
    model.dispose();
  });

  it("'cpu' rejects unsupported operators with UnsupportedOperatorError", async () => {
    const error = await rejection(loadModel(erf, { backend: 'cpu' }));
    expect(error).to.be.instanceOf(UnsupportedOperatorError).with.property('message').match(/Erf.*'erf'/);
  });

  it('rejects corrupt bytes with ModelLoadError on every back end choice', async () => {
    const corrupt = relu.slice(0, relu.length - 7);
    for (const backend of ['cpu', 'auto'] as const) {
      expect(await rejection(loadModel(corrupt, { backend })), backend).to.be.instanceOf(ModelLoadError);
    }
  });

  it('checks its options and source at once', async () => {
    expect(await rejection(loadModel(relu, { backend: 'gpu' as never }))).to.be.instanceOf(TypeError).with.property('message').match(/option 'backend'.*got 'gpu'/);
    expect(await rejection(loadModel(relu, { autoBatchSize: 0 }))).to.be.instanceOf(RangeError).with.property('message').match(/autoBatchSize/);
    expect(await rejection(loadModel(relu, { autoBudgetMs: -1 }))).to.be.instanceOf(RangeError).with.property('message').match(/autoBudgetMs/);
    expect(await rejection(loadModel(relu, { cpuWhileCompiling: 'yes' as never }))).to.be.instanceOf(TypeError).with.property('message').match(/option 'cpuWhileCompiling'.*boolean/);
    expect(await rejection(loadModel(42 as never))).to.be.instanceOf(TypeError).with.property('message').match(/loadModel: source must be/);
    expect(await rejection(loadModel('http://127.0.0.1:9/model.onnx'))).to.be.instanceOf(ModelLoadError).with.property('message').match(/cannot fetch/);
  });
});
