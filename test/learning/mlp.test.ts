import { expect } from 'chai';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { createOnnxRuntimeModel } from '../../src/onnxruntime/index.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { ACTIVATIONS } from '../../src/learning/activation.js';
import { Mlp, NonFiniteError } from '../../src/learning/index.js';
import { SeededRandom } from '../../src/learning/random.js';

describe('Mlp', () => {
  describe('.create()', () => {
    it('lays out every layer in one flat buffer, seeded', () => {
      const a = Mlp.create({ sizes: [10, 20, 10], activations: ['relu', 'relu'], seed: 1 });
      const b = Mlp.create({ sizes: [10, 20, 10], activations: ['relu', 'relu'], seed: 1 });
      expect(a.parameterCount).to.equal(10 * 20 + 20 + 20 * 10 + 10);
      expect(Array.from(a.params)).to.deep.equal(Array.from(b.params));
      expect(a.signature).to.equal('mlp:10-20-10:relu,relu');
      const { weight, bias } = a.layer(1);
      expect(weight.length).to.equal(200);
      expect(Array.from(bias)).to.deep.equal(new Array(10).fill(0));
      expect(weight.buffer).to.equal(a.params.buffer);
    });
    it('draws He weights for relu and Xavier weights for tanh by default', () => {
      const he = Mlp.create({ sizes: [400, 400], activations: ['relu'], seed: 2 }).layer(0).weight;
      const std = Math.sqrt(he.reduce((s, w) => s + w * w, 0) / he.length);
      expect(std).to.be.closeTo(Math.sqrt(2 / 400), 0.005);
      const xavier = Mlp.create({ sizes: [400, 400], activations: ['tanh'], seed: 2 }).layer(0).weight;
      const limit = Math.sqrt(6 / 800);
      const largest = xavier.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
      expect(largest).to.be.at.most(limit);
      expect(largest).to.be.greaterThan(limit * 0.95);
    });
    it('rejects bad options, naming them', () => {
      expect(() => Mlp.create({ sizes: [3], activations: [] })).to.throw(TypeError, /sizes/);
      expect(() => Mlp.create({ sizes: [3, 0], activations: ['relu'] })).to.throw(RangeError, /sizes\[1\]/);
      expect(() => Mlp.create({ sizes: [3, 2], activations: ['gelu' as never] })).to.throw(TypeError, /activations\[0\].*gelu/);
      expect(() => Mlp.create({ sizes: [3, 2], activations: ['relu', 'relu'] })).to.throw(TypeError, /activations/);
      expect(() => Mlp.create({ sizes: [3, 2], activations: ['relu'], init: 'lecun' as never })).to.throw(TypeError, /init/);
    });
  });

  describe('#predict()', () => {
    it('computes Linear + activation per layer', () => {
      const mlp = Mlp.create({ sizes: [2, 2, 1], activations: ['relu', 'identity'], seed: 1 });
      mlp.setParameters([1, -1, 2, 0.5, /* b0 */ 0.1, -0.2, /* w1 */ 3, -1, /* b1 */ 0.25]);
      const y = mlp.predict(new Tensor('float32', Float32Array.of(1, 2, -1, 0), [2, 2]));
      // row 0: h = relu([1 - 2 + 0.1, 2 + 1 - 0.2]) = [0, 2.8]; y = -2.8 + 0.25
      // row 1: h = relu([-1 + 0.1, -2 - 0.2]) = [0, 0]; y = 0.25
      expect(y.dims).to.deep.equal([2, 1]);
      expect(y.data[0]).to.be.closeTo(-2.55, 1e-6);
      expect(y.data[1]).to.be.closeTo(0.25, 1e-6);
    });
    it('rejects wrong shapes and non-finite inputs with typed errors', () => {
      const mlp = Mlp.create({ sizes: [2, 1], activations: ['identity'], seed: 1 });
      expect(() => mlp.predict(new Tensor('float32', new Float32Array(3), [1, 3]))).to.throw(SpecMismatchError, /\[n, 2\]/);
      expect(() => mlp.predict(new Tensor('float32', Float32Array.of(NaN, 1), [1, 2]))).to.throw(NonFiniteError);
    });
  });

  describe('#swapParameters()', () => {
    it('replaces the whole parameter buffer in one assignment and returns the old one', () => {
      const mlp = Mlp.create({ sizes: [2, 1], activations: ['identity'], seed: 1 });
      const old = mlp.params;
      const next = Float32Array.of(1, 1, 0);
      expect(mlp.swapParameters(next)).to.equal(old);
      expect(mlp.params).to.equal(next);
      expect(() => mlp.swapParameters(Float32Array.of(1, NaN, 0))).to.throw(NonFiniteError);
      expect(() => mlp.swapParameters(new Float32Array(2))).to.throw(RangeError);
    });
  });

  describe('#toOnnx()', () => {
    it('exports a model that onnxruntime-web runs to within 1e-5 of predict(), for every activation', async () => {
      const random = new SeededRandom(1);
      for (const activation of ACTIVATIONS) {
        const mlp = Mlp.create({ sizes: [5, 7, 3], activations: [activation, activation], seed: 3 });
        for (let i = 0; i < mlp.parameterCount; i++) mlp.params[i] += random.uniform(-0.1, 0.1); // non-zero biases
        const x = new Tensor('float32', Float32Array.from({ length: 4 * 5 }, () => random.uniform(-2, 2)), [4, 5]);
        const model = await createOnnxRuntimeModel(mlp.toOnnx());
        try {
          expect(model.inputs.map((i) => i.name)).to.deep.equal(['input']);
          const { output } = await model.run({ input: x });
          const expected = mlp.predict(x);
          expect(output.dims).to.deep.equal([4, 3]);
          for (let i = 0; i < expected.size; i++) expect(output.data[i] as number, activation).to.be.closeTo(expected.data[i], 1e-5);
        } finally {
          model.dispose();
        }
      }
    });
  });
});
