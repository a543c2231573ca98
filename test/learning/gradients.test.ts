import { expect } from 'chai';
import { ACTIVATIONS, type Activation } from '../../src/learning/activation.js';
import { createHuberLoss, huberLoss, l1Loss, Mlp, mseLoss, type Loss } from '../../src/learning/index.js';
import { SeededRandom } from '../../src/learning/random.js';

const ROWS = 5;

function randomArray(random: SeededRandom, length: number, scale = 1): Float32Array {
  return Float32Array.from({ length }, () => random.uniform(-scale, scale));
}

/** The loss of `mlp` on (x, y) with the parameters as they are, in double precision from the float32 outputs. */
function lossOf(mlp: Mlp, loss: Loss, x: Float32Array, y: Float32Array, weights?: Float32Array): number {
  const out = mlp.forward(x, ROWS);
  return loss.compute(out, y, ROWS, mlp.outputSize, new Float32Array(ROWS * mlp.outputSize), weights);
}

/** Central finite differences of every parameter against the analytic gradient of backward(). */
function checkParameterGradients(mlp: Mlp, loss: Loss, weights?: Float32Array): void {
  const random = new SeededRandom(3);
  const x = randomArray(random, ROWS * mlp.inputSize);
  const y = randomArray(random, ROWS * mlp.outputSize);
  const grad = new Float32Array(ROWS * mlp.outputSize);
  loss.compute(mlp.forward(x, ROWS), y, ROWS, mlp.outputSize, grad, weights);
  mlp.backward(grad);
  const analytic = mlp.grads.slice();
  const eps = 1e-3;
  for (let i = 0; i < mlp.parameterCount; i++) {
    const saved = mlp.params[i];
    mlp.params[i] = saved + eps;
    const plus = lossOf(mlp, loss, x, y, weights);
    mlp.params[i] = saved - eps;
    const minus = lossOf(mlp, loss, x, y, weights);
    mlp.params[i] = saved;
    const numeric = (plus - minus) / (2 * eps);
    expect(Math.abs(numeric - analytic[i]), `parameter ${i}: numeric ${numeric}, analytic ${analytic[i]}`)
      .to.be.at.most(2e-3 + 2e-2 * Math.abs(numeric));
  }
}

describe('Mlp', () => {
  describe('#backward()', () => {
    for (const activation of ACTIVATIONS) {
      it(`matches finite differences through a hidden ${activation} layer`, () => {
        checkParameterGradients(Mlp.create({ sizes: [3, 6, 2], activations: [activation, 'identity'], seed: 4 }), mseLoss);
      });
      it(`matches finite differences through an output ${activation} layer`, () => {
        checkParameterGradients(Mlp.create({ sizes: [4, 5], activations: [activation as Activation], seed: 9 }), mseLoss);
      });
    }
    it('matches finite differences through three layers with per-row weights', () => {
      const weights = Float32Array.of(1, 2, 0.5, 1, 3);
      checkParameterGradients(Mlp.create({ sizes: [6, 9, 7, 3], activations: ['leakyRelu', 'tanh', 'sigmoid'], seed: 2 }), mseLoss, weights);
    });
    it('matches finite differences with wide layers (the 4x4 blocked kernel and its edges)', () => {
      checkParameterGradients(Mlp.create({ sizes: [9, 13, 6], activations: ['tanh', 'identity'], seed: 6 }), mseLoss);
    });
  });
});

describe('Loss', () => {
  const losses: Record<string, Loss> = { mseLoss, l1Loss, huberLoss, 'createHuberLoss(0.3)': createHuberLoss(0.3) };
  for (const [name, loss] of Object.entries(losses)) {
    describe(`${name}#compute()`, () => {
      it('returns a gradient that matches finite differences, with and without row weights', () => {
        const random = new SeededRandom(8);
        const rows = 4, width = 3;
        const prediction = randomArray(random, rows * width, 2);
        const target = randomArray(random, rows * width, 2);
        for (const weights of [undefined, Float32Array.of(1, 0.5, 2, 3)]) {
          const grad = new Float32Array(rows * width);
          loss.compute(prediction, target, rows, width, grad, weights);
          const scratch = new Float32Array(rows * width);
          const eps = 1e-3;
          for (let i = 0; i < prediction.length; i++) {
            const saved = prediction[i];
            prediction[i] = saved + eps;
            const plus = loss.compute(prediction, target, rows, width, scratch, weights);
            prediction[i] = saved - eps;
            const minus = loss.compute(prediction, target, rows, width, scratch, weights);
            prediction[i] = saved;
            expect(grad[i]).to.be.closeTo((plus - minus) / (2 * eps), 1e-3);
          }
        }
      });
    });
  }
  it('computes the documented values', () => {
    const p = Float32Array.of(1, -2), t = Float32Array.of(0, 0), g = new Float32Array(2);
    expect(mseLoss.compute(p, t, 1, 2, g)).to.be.closeTo(2.5, 1e-9);
    expect(Array.from(g)).to.deep.equal([1, -2]);
    expect(l1Loss.compute(p, t, 1, 2, g)).to.be.closeTo(1.5, 1e-9);
    expect(huberLoss.compute(p, t, 1, 2, g)).to.be.closeTo((0.5 + 1.5) / 2, 1e-9);
    expect(() => createHuberLoss(0)).to.throw(RangeError, /delta/);
  });
});
