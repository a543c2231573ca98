import { expect } from 'chai';
import { ActionSpec } from '../../src/collaborator/action-spec.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { OnnxPolicy } from '../../src/collaborator/onnx-policy.js';
import type { DecisionBatch } from '../../src/collaborator/policy.js';
import { loadModel } from '../../src/runtime/load-model.js';
import type { Model } from '../../src/runtime/model.js';
import { buildModel } from '../../src/runtime/onnx/build.js';
import { Tensor } from '../../src/runtime/tensor.js';

/** y = a + 10 * b (continuous, [batch, 2]); d = argmax-free "discrete": the mask row's first two entries as int64. */
const twoInputs = buildModel({
  nodes: [
    { opType: 'Mul', inputs: ['b', 'ten'], outputs: ['b10'] },
    { opType: 'Add', inputs: ['a', 'b10'], outputs: ['continuous_actions'] },
    { opType: 'Slice', inputs: ['mask', 'start', 'end', 'axis'], outputs: ['m2'] },
    { opType: 'Cast', inputs: ['m2'], outputs: ['discrete_actions'], attributes: { to: 7 } },
  ],
  inputs: [{ name: 'a', dtype: 'float32', dims: ['batch', 2] }, { name: 'b', dtype: 'float32', dims: ['batch', 2] }, { name: 'mask', dtype: 'float32', dims: ['batch', 4] }],
  outputs: [{ name: 'continuous_actions', dtype: 'float32', dims: ['batch', 2] }, { name: 'discrete_actions', dtype: 'int64', dims: ['batch', 2] }],
  initializers: { ten: new Tensor('float32', [10]), start: new Tensor('int64', [0]), end: new Tensor('int64', [2]), axis: new Tensor('int64', [1]) },
  opset: 13,
});

/** A model fixed to one agent per run: y = 2x, [1, 3]. */
const single = buildModel({
  nodes: [{ opType: 'Mul', inputs: ['x', 'two'], outputs: ['y'] }],
  inputs: [{ name: 'x', dtype: 'float32', dims: [1, 3] }],
  outputs: [{ name: 'y', dtype: 'float32', dims: [1, 3] }],
  initializers: { two: new Tensor('float32', [2]) },
});

const batch = (observations: Tensor[], names: string[], extra: Partial<DecisionBatch> = {}): DecisionBatch => ({ size: observations[0].dims[0], observations, sensorNames: names, ...extra });

describe('OnnxPolicy', () => {
  let model: Model;
  beforeEach(async () => {
    model = await loadModel(twoInputs, { backend: 'cpu' });
  });

  describe('#decide()', () => {
    it('feeds sensors to inputs in order, masks to the mask input, and reads every agent in one run', async () => {
      const policy = new OnnxPolicy(model, { actionSpec: ActionSpec.hybrid(2, [2, 2]), maskInput: 'mask' });
      const masks = new Tensor('float32', [1, 0, 1, 1, 0, 1, 1, 1], [2, 4]);
      const actions = await policy.decide(batch([new Tensor('float32', [1, 2, 3, 4], [2, 2]), new Tensor('float32', [0.5, 0, 0, 1], [2, 2])], ['a', 'b'], { actionMasks: masks }));
      expect(actions.map((a) => [...a.continuous])).to.deep.equal([[6, 2], [3, 14]]);
      expect(actions.map((a) => [...a.discrete])).to.deep.equal([[1, 0], [0, 1]]);
      expect(actions[0].discrete).to.be.instanceOf(Int32Array);
      policy.dispose();
    });
    it('maps sensors to inputs by name when asked', async () => {
      const policy = new OnnxPolicy(model, { actionSpec: ActionSpec.hybrid(2, [2, 2]), inputs: { first: 'b', second: 'a' }, maskInput: 'mask' });
      const [action] = await policy.decide(batch([new Tensor('float32', [1, 2], [1, 2]), new Tensor('float32', [3, 4], [1, 2])], ['first', 'second']));
      expect([...action.continuous]).to.deep.equal([13, 24]);
    });
    it('runs a model whose batch is fixed to 1 once per agent', async () => {
      const policy = new OnnxPolicy(await loadModel(single, { backend: 'cpu' }), { actionSpec: ActionSpec.continuous(3) });
      const actions = await policy.decide(batch([new Tensor('float32', [1, 2, 3, 4, 5, 6], [2, 3])], ['x']));
      expect(actions.map((a) => [...a.continuous])).to.deep.equal([[2, 4, 6], [8, 10, 12]]);
    });
    it('rejects a batch whose sensors do not match the inputs', async () => {
      const policy = new OnnxPolicy(model, { actionSpec: ActionSpec.hybrid(2, [2, 2]), maskInput: 'mask' });
      const error = await policy.decide(batch([new Tensor('float32', [1, 2], [1, 2])], ['a'])).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SpecMismatchError).with.property('message').match(/1 sensors \(a\).*2 inputs \(a, b\)/);
    });
    it('rejects after dispose()', async () => {
      const policy = new OnnxPolicy(model, { actionSpec: ActionSpec.hybrid(2, [2, 2]), maskInput: 'mask' });
      policy.dispose();
      policy.dispose();
      expect(await policy.decide(batch([new Tensor('float32', [1, 2], [1, 2])], ['a'])).catch((e: unknown) => e)).to.be.instanceOf(SpecMismatchError);
    });
  });

  it('validates its options against the model', () => {
    expect(() => new OnnxPolicy({} as Model, { actionSpec: ActionSpec.continuous(2) })).to.throw(TypeError, /'model'/);
    expect(() => new OnnxPolicy(model, { actionSpec: 2 as never })).to.throw(TypeError, /'actionSpec'/);
    expect(() => new OnnxPolicy(model, { actionSpec: ActionSpec.hybrid(2, [2, 2]), maskInput: 'nope' })).to.throw(TypeError, /'maskInput' must name a model input \(a, b, mask\), got 'nope'/);
    expect(() => new OnnxPolicy(model, { actionSpec: ActionSpec.continuous(2), maskInput: 'mask' })).to.throw(TypeError, /'maskInput' needs discrete branches/);
    expect(() => new OnnxPolicy(model, { actionSpec: ActionSpec.continuous(2), continuousOutput: 'y' })).to.throw(TypeError, /'continuousOutput'/);
    expect(() => new OnnxPolicy(model, { actionSpec: ActionSpec.continuous(2), inputs: { s: 'z' } })).to.throw(TypeError, /'inputs'/);
  });
});
